using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OneDay.ServiceDefaults.Health;

/// <summary>
/// `/health` (liveness: the process serves requests), `/health/ready` (readiness: database, Redis where
/// used, the Dapr sidecar) and `/healthz` (Dapr's app health check, same as liveness).
/// </summary>
public static class HealthEndpoints
{
    public const string Live = "live";
    public const string Ready = "ready";

    public const string LivePath = "/health";
    public const string DaprPath = "/healthz";
    public const string ReadyPath = "/health/ready";

    public static void MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks(LivePath, Options(Live)).AllowAnonymous();
        app.MapHealthChecks(DaprPath, Options(Live)).AllowAnonymous();
        app.MapHealthChecks(ReadyPath, Options(Ready)).AllowAnonymous();
    }

    private static HealthCheckOptions Options(string tag) => new()
    {
        Predicate = check => check.Tags.Contains(tag),
        ResponseWriter = WriteAsync,
    };

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        }), context.RequestAborted);
    }
}
