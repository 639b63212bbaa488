using System.Globalization;
using Microsoft.Extensions.Configuration;
using OneDay.Gateway.RateLimiting;
using Yarp.ReverseProxy.Configuration;

namespace OneDay.Gateway.Routing;

/// <summary>
/// The proxy's routes and clusters, built from <see cref="GatewayOptions"/>. Service traffic goes to the
/// gateway's own sidecar with a `dapr-app-id` header (docs/dapr-sidecar.md §D.6): Dapr then does discovery,
/// load balancing, mTLS, retries and tracing. Hubs go straight to their service. Nothing routes
/// `/internal/**`, so it is 404 from outside.
/// </summary>
public static class DaprRouteTable
{
    public const string AppIdMetadata = "DaprAppId";
    public const string AuthenticatedPolicy = "default";
    public const string AnonymousPolicy = "anonymous";

    public static (IReadOnlyList<RouteConfig> Routes, IReadOnlyList<ClusterConfig> Clusters) Build(GatewayOptions options, IConfiguration configuration)
    {
        var sidecar = configuration["DAPR_HTTP_ENDPOINT"] is { Length: > 0 } endpoint
            ? endpoint
            : $"http://127.0.0.1:{configuration["DAPR_HTTP_PORT"] ?? "3500"}";
        var requestConfig = new Yarp.ReverseProxy.Forwarder.ForwarderRequestConfig { ActivityTimeout = options.RequestTimeout };
        var routes = new List<RouteConfig>();
        var clusters = new List<ClusterConfig>();

        foreach (var appId in options.Services)
        {
            clusters.Add(Cluster(appId, sidecar, requestConfig));
            var metadata = new Dictionary<string, string> { [AppIdMetadata] = appId };
            var anonymous = AnonymousRoutes.All.Where(r => r.Path.StartsWith($"/{appId}", StringComparison.Ordinal)).ToList();
            for (var i = 0; i < anonymous.Count; i++)
            {
                var (path, methods) = anonymous[i];
                routes.Add(new RouteConfig
                {
                    RouteId = $"{appId}-anonymous-{i.ToString(CultureInfo.InvariantCulture)}",
                    ClusterId = appId,
                    Order = 0,
                    Match = new RouteMatch { Path = path, Methods = methods },
                    AuthorizationPolicy = AnonymousPolicy,
                    RateLimiterPolicy = AnonymousRoutes.Credentials.Contains(path) ? GatewayRateLimiting.CredentialsPolicy : null,
                    Metadata = metadata,
                });
            }
            routes.Add(new RouteConfig
            {
                RouteId = appId,
                ClusterId = appId,
                Order = 10,
                Match = new RouteMatch { Path = $"/{appId}/{{**rest}}" },
                AuthorizationPolicy = AuthenticatedPolicy,
                Metadata = metadata,
            });
            routes.Add(new RouteConfig
            {
                RouteId = $"{appId}-root",
                ClusterId = appId,
                Order = 10,
                Match = new RouteMatch { Path = $"/{appId}" },
                AuthorizationPolicy = AuthenticatedPolicy,
                Metadata = metadata,
            });
            routes.Add(new RouteConfig
            {
                RouteId = $"{appId}-openapi",
                ClusterId = appId,
                Order = 0,
                Match = new RouteMatch { Path = $"/openapi/{appId}.json", Methods = ["GET"] },
                AuthorizationPolicy = AnonymousPolicy,
                Metadata = metadata,
                Transforms = [new Dictionary<string, string> { ["PathSet"] = "/openapi/v1.json" }],
            });
        }

        foreach (var (name, hub) in options.Hubs)
        {
            if (hub.Problem(name) is { } problem) throw new InvalidOperationException(problem);
            var id = $"hub-{name}";
            clusters.Add(Cluster(id, hub.Address!.ToString(), new Yarp.ReverseProxy.Forwarder.ForwarderRequestConfig()));
            routes.Add(new RouteConfig
            {
                RouteId = id,
                ClusterId = id,
                Order = 0,
                Match = new RouteMatch { Path = $"{hub.Path}/{{**rest}}" },
                AuthorizationPolicy = AuthenticatedPolicy,
            });
        }
        return (routes, clusters);
    }

    private static ClusterConfig Cluster(string id, string address, Yarp.ReverseProxy.Forwarder.ForwarderRequestConfig requestConfig) => new()
    {
        ClusterId = id,
        HttpRequest = requestConfig,
        Destinations = new Dictionary<string, DestinationConfig> { [id] = new() { Address = address } },
    };
}
