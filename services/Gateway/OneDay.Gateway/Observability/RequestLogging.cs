using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace OneDay.Gateway.Observability;

/// <summary>One log line per request: method, route, status, duration, trace id. Never bodies or tokens.</summary>
public static partial class RequestLogging
{
    public static IApplicationBuilder UseRequestLogging(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await next(context).ConfigureAwait(false);
            }
            finally
            {
                var logger = context.RequestServices.GetService(typeof(ILogger<GatewayRequest>)) as ILogger<GatewayRequest>;
                var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(none)";
                if (logger is not null)
                {
                    Log(logger, context.Request.Method, route, context.Response.StatusCode,
                        Stopwatch.GetElapsedTime(started).TotalMilliseconds, Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier);
                }
            }
        });

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Route} → {Status} in {ElapsedMs:0.0} ms (trace {TraceId})")]
    private static partial void Log(ILogger logger, string method, string route, int status, double elapsedMs, string traceId);

    /// <summary>The log category of gateway requests.</summary>
    public sealed class GatewayRequest;
}
