using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace OneDay.ServiceDefaults.Security;

/// <summary>
/// Headers every response carries, whoever produced it (the service, or for the gateway the service behind
/// it): no <c>Server</c> banner that names the stack to an attacker, and <c>X-Content-Type-Options: nosniff</c>
/// so a browser never runs a JSON body it was tricked into loading as script.
/// </summary>
public static class ResponseHardening
{
    public static IServiceCollection AddResponseHardening(this IServiceCollection services) =>
        services.Configure<KestrelServerOptions>(o => o.AddServerHeader = false);

    public static IApplicationBuilder UseResponseHardening(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        // OnStarting runs after a proxied response's headers were copied in, so a downstream banner goes too.
        context.Response.OnStarting(() =>
        {
            context.Response.Headers.XContentTypeOptions = "nosniff";
            context.Response.Headers.Remove(HeaderNames.Server);
            return Task.CompletedTask;
        });
        return next(context);
    });

    /// <summary>Responses carrying credentials (tokens) must not be kept by a browser or an intermediary cache.</summary>
    public static TBuilder NotStored<TBuilder>(this TBuilder endpoint) where TBuilder : IEndpointConventionBuilder =>
        endpoint.AddEndpointFilter(async (context, next) =>
        {
            context.HttpContext.Response.Headers.CacheControl = "no-store";
            context.HttpContext.Response.Headers.Pragma = "no-cache";
            return await next(context);
        });
}
