using OneDay.Config.Tests.Apps;
using OneDay.Config.Tests.Roads;
using OneDay.Config.Tests.Validation;
using OneDay.Testing;

namespace OneDay.Config.Tests;

/// <summary>
/// README's who-calls/who-hears tables against the services' code (invocation clients and their routes, event
/// handlers, the events each service constructs) and against each app's access-control policies: a client, route,
/// subscription or event added or removed without the table fails here, and so does a call a callee's policy
/// refuses or one it lets in that the table does not name.
/// </summary>
public class ServiceRoadsTests
{
    private static readonly Lazy<ServiceRoads> Code = new(CodeRoads.Read);

    /// <summary>A value standing for each '*' of a route, so the route is one a caller could send.</summary>
    private const string AnId = "0f8fad5b-d9cb-469f-a165-70867728950e";

    public static TheoryData<string> Configurations => new() { AppConfigurations.SelfHosted, AppConfigurations.Kubernetes };

    [Fact]
    public void READMEs_tables_name_every_call_and_every_event_as_the_code_has_them()
    {
        ProblemAssert.None(ServiceRoads.Differences(Readme(), Code.Value));
    }

    [Fact]
    public void A_subscription_or_client_the_table_lacks_is_reported_by_name()
    {
        var code = Code.Value;
        var withNewSubscriber = code with
        {
            Events = [.. code.Events.Select(e => e.Topic == "payment-refunded" ? e with { HeardBy = ["jobs"] } : e)],
        };
        var withNewClient = code with { Calls = [.. code.Calls, new ServiceCall("chat", "users", "GET", "/internal/users/*/eligibility")] };

        Assert.Contains("in the code, not in README's table: payment-refunded: published by payments, heard by jobs", ServiceRoads.Differences(Readme(), withNewSubscriber));
        Assert.Contains("in README's table, not in the code: payment-refunded: published by payments, heard by —", ServiceRoads.Differences(Readme(), withNewSubscriber));
        Assert.Contains("in the code, not in README's table: chat → users: GET /internal/users/*/eligibility", ServiceRoads.Differences(Readme(), withNewClient));
    }

    [Fact]
    public void Each_event_is_published_by_one_service()
    {
        ProblemAssert.None(Code.Value.Events.Where(e => e.PublishedBy.Count != 1).Select(e => $"{e.Topic} is published by {e.PublishedBy.Count} services"));
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void Every_call_in_the_code_is_allowed_by_the_callees_access_control_policy(string folder)
    {
        var policies = Policies(folder);

        ProblemAssert.None(Code.Value.Calls
            .Where(call => !policies[call.Callee].Allows(call.Caller, call.Verb, call.Path))
            .Select(call => $"{folder}/{call.Callee}.yaml does not allow {call}"));
    }

    /// <summary>
    /// Each sidecar lets in exactly README's callers, each on its own routes and verbs, and no other app on any
    /// internal route; on the public routes only the gateway (forwarding clients), and at the gateway only web.
    /// </summary>
    [Theory]
    [MemberData(nameof(Configurations))]
    public void Each_app_lets_in_only_the_callers_READMEs_table_names_on_the_routes_it_names(string folder)
    {
        var table = Readme().Calls;
        var policies = Policies(folder);

        ProblemAssert.None(
            from callee in OneDayApps.Ids
            from caller in OneDayApps.Ids.Where(caller => caller != callee)
            from probe in Probes(callee, table)
            let expected = probe.Path.StartsWith("/internal/", StringComparison.Ordinal)
                ? table.Any(call => call.Caller == caller && call.Callee == callee && call.Verb == probe.Verb && Concrete(call.Path) == probe.Path)
                : PublicCaller(callee) == caller
            where policies[callee].Allows(caller, probe.Verb, probe.Path) != expected
            select $"{folder}/{callee}.yaml {(expected ? "refuses" : "lets")} {caller} {probe.Verb} {probe.Path}");
    }

    /// <summary>Every route README names on <paramref name="callee"/>, an internal route it names for nobody, and a public one.</summary>
    private static IEnumerable<(string Verb, string Path)> Probes(string callee, IReadOnlyList<ServiceCall> table) =>
    [
        .. table.Where(call => call.Callee == callee).Select(call => (call.Verb, Concrete(call.Path))),
        .. new[] { "GET", "POST", "DELETE" }.SelectMany(verb => new[] { (verb, $"/internal/{callee}/{AnId}"), (verb, $"/{callee}/{AnId}") }),
    ];

    private static string Concrete(string route) => route.Replace("*", AnId, StringComparison.Ordinal);

    /// <summary>README: the gateway forwards clients' requests to every service by app id; web calls the gateway.</summary>
    private static string? PublicCaller(string callee) => callee switch
    {
        "gateway" => "web",
        "web" => null,
        _ => "gateway",
    };

    private static ServiceRoads Readme() => ReadmeRoads.Parse(File.ReadAllText(RepositoryFolder.PathOf("README.md")));

    private static Dictionary<string, AccessPolicies> Policies(string folder) =>
        AppConfigurations.In(folder).ToDictionary(app => app.Key, app => new AccessPolicies(app.Value), StringComparer.Ordinal);
}
