using Dapr.Client;
using OneDay.Testing;

namespace OneDay.Users.Tests;

/// <summary>
/// The users service under the repository's own access-control policy (components/configuration/users.yaml) and
/// an app token, with every other OneDay app id beside it: bare apps as jobs, payments, search, chat and
/// gateway, and the fake notifications app. Each calls users' internal routes through its own sidecar, as
/// that service would; the policy is applied by users' sidecar, the callee's.
/// </summary>
public sealed class InternalCallersFixture : UsersServiceFixture
{
    /// <summary>What the sidecars send to their app as `dapr-api-token` and the users app expects (APP_API_TOKEN).</summary>
    public const string AppApiToken = "users-app-token-in-tests";

    private static readonly string[] BareCallers = ["jobs", "payments", "search", "chat", "gateway"];

    private readonly List<EventProbe> _bareCallers = [];
    private readonly Dictionary<string, DaprClient> _daprOf = new(StringComparer.Ordinal);

    public override async Task InitializeAsync()
    {
        Dapr.WithRepositoryConfiguration().WithAppApiToken(AppApiToken);
        await base.InitializeAsync();
        foreach (var appId in BareCallers) _bareCallers.Add(await EventProbe.StartAsync(Dapr, appId));
        foreach (var appId in BareCallers.Append("notifications"))
        {
            var sidecar = Dapr.Cluster.Resolve(appId)!;
            _daprOf[appId] = new DaprClientBuilder().UseHttpEndpoint(sidecar.HttpEndpoint.ToString()).UseGrpcEndpoint(sidecar.GrpcEndpoint.ToString()).Build();
        }
    }

    /// <summary>A client for users whose calls travel <paramref name="callerAppId"/>'s sidecar → users' sidecar → users.</summary>
    public HttpClient UsersAs(string callerAppId) => _daprOf[callerAppId].CreateInvokableHttpClient("users");

    public override async Task DisposeAsync()
    {
        foreach (var client in _daprOf.Values) client.Dispose();
        foreach (var caller in _bareCallers) await caller.DisposeAsync();
        await base.DisposeAsync();
    }
}
