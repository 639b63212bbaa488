using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace OneDay.Gateway.Routing;

/// <summary>
/// The prefix of a path chooses the service, so a path must not be able to leave its prefix on the way:
/// Kestrel resolves `..` only after decoding what it decodes, and the hops behind the gateway (the
/// sidecars' HTTP stacks) may turn a `\` into a `/` or decode `%2F` and resolve again —
/// `/users/..%5Cinternal` reached users' `/internal`. A path holding a dot segment, a backslash or an
/// encoded slash, in any encoding, is refused before it is routed.
/// </summary>
public static class PathGuard
{
    public static IApplicationBuilder UsePathGuard(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "";
            if (Climbs(rawTarget))
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status400BadRequest,
                        Title = "The path may not hold dot segments, backslashes or encoded slashes.",
                    },
                }).ConfigureAwait(false);
                return;
            }
            await next(context).ConfigureAwait(false);
        });

    public static bool Climbs(string rawTarget)
    {
        var query = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var path = query < 0 ? rawTarget : rawTarget[..query];
        // Decoded until it no longer changes (%252e is %2e one hop later); a slash that appears is an encoded one.
        for (var decoded = Uri.UnescapeDataString(path); decoded != path; decoded = Uri.UnescapeDataString(path))
        {
            if (CountSlashes(decoded) != CountSlashes(path)) return true;
            path = decoded;
        }
        return path.Contains('\\', StringComparison.Ordinal) || path.Split('/').Any(segment => segment is "." or "..");
    }

    private static int CountSlashes(string text) => text.Count(c => c == '/');
}
