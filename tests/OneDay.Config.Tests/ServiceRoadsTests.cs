using OneDay.Config.Tests.Roads;
using OneDay.Config.Tests.Validation;
using OneDay.Testing;

namespace OneDay.Config.Tests;

/// <summary>
/// README's who-calls/who-hears tables against the services' code (invocation clients and their routes, event
/// handlers, the events each service constructs) and against the access-control policies: a client, route,
/// subscription or event added or removed without the table fails here, and so does a call no policy allows.
/// </summary>
public class ServiceRoadsTests
{
    private static readonly Lazy<ServiceRoads> Code = new(CodeRoads.Read);

    public static TheoryData<string> Configurations => new() { "components/configuration.yaml", "k8s/base/dapr/configuration.yaml" };

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
    public void Every_call_in_the_code_is_allowed_by_the_callers_access_control_policy(string configuration)
    {
        var policies = Policies(configuration);

        ProblemAssert.None(Code.Value.Calls.Where(call => !policies.Allows(call)).Select(call => $"{configuration} does not allow {call}"));
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void No_policy_lets_an_app_call_a_service_it_has_no_client_for(string configuration)
    {
        var called = Code.Value.Calls.Select(call => (call.Caller, call.Callee)).ToHashSet();

        ProblemAssert.None(Policies(configuration).AllowedInternalRoutes()
            .Where(allowed => !called.Contains((allowed.Caller, allowed.Callee)))
            .Select(allowed => $"{configuration} lets {allowed.Caller} call {allowed.Route}, but {allowed.Caller} has no client for {allowed.Callee}"));
    }

    private static ServiceRoads Readme() => ReadmeRoads.Parse(File.ReadAllText(RepositoryFolder.PathOf("README.md")));

    private static AccessPolicies Policies(string path) =>
        new(DaprResource.Parse(File.ReadAllText(RepositoryFolder.PathOf(path)), path).Single(resource => resource.Kind == "Configuration"));
}
