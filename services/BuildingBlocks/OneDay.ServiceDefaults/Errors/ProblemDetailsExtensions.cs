using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace OneDay.ServiceDefaults.Errors;

internal static class ProblemDetailsExtensions
{
    /// <summary>Requests larger than this are refused with 413; an endpoint that takes uploads raises its own limit.</summary>
    public const long DefaultMaxRequestBodySize = 1024 * 1024;

    /// <summary>
    /// RFC 9457 ProblemDetails for every error: validation (the service's Program calls .NET 10's
    /// AddValidation(), whose source generator only sees calls in the service's own project), unreadable
    /// requests (malformed JSON, too large), 404/405 and other bare status codes, and unhandled exceptions
    /// (a generic 500; the exception stays in the logs). Each carries the trace id to find it there.
    /// </summary>
    public static void AddServiceProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Instance ??= $"{context.HttpContext.Request.Method} {context.HttpContext.Request.Path}";
            context.ProblemDetails.Extensions["traceId"] = Activity.Current?.Id ?? context.HttpContext.TraceIdentifier;
        });
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        // Bad requests become exceptions so BadRequestExceptionHandler can say what was wrong with them.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = DefaultMaxRequestBodySize);
        services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = DefaultMaxRequestBodySize);
    }
}
