using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace OneDay.ServiceDefaults.Health;

/// <summary>
/// Health and metrics are for the platform, not for the public: Kubernetes' probes, Dapr's app health check and
/// Prometheus call the pod itself, while everything a client sends arrives through a proxy (the Ingress, the
/// gateway, a sidecar), each of which says so in X-Forwarded-For or Forwarded. A forwarded request for one of these
/// paths is answered 404, as if they did not exist: the public gateway and web client show no 650 KB of metrics
/// and no readiness detail. Sending the headers can only take access away, never give it.
/// </summary>
public static class OperationalEndpoints
{
    public const string Metrics = "/metrics";

    private static readonly string[] Paths = [Metrics, HealthEndpoints.LivePath, HealthEndpoints.DaprPath, HealthEndpoints.ReadyPath];

    private static readonly string[] ForwardingHeaders = ["X-Forwarded-For", "Forwarded", "X-Original-For"];

    public static IApplicationBuilder UseOperationalEndpointsOnlyDirect(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (IsOperational(context.Request.Path) && ForwardingHeaders.Any(context.Request.Headers.ContainsKey))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            await next(context).ConfigureAwait(false);
        });

    private static bool IsOperational(PathString path) =>
        Paths.Any(operational => path.Equals(operational, StringComparison.OrdinalIgnoreCase) || path.Equals(operational + "/", StringComparison.OrdinalIgnoreCase));
}
