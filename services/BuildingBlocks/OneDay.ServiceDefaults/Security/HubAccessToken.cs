using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace OneDay.ServiceDefaults.Security;

/// <summary>
/// Browsers cannot set headers on a WebSocket, so SignalR clients send the access token as `access_token`
/// in the query string. It is read there only on the hubs' paths: anywhere else a token in a URL (which
/// proxies and logs keep) is ignored.
/// </summary>
public sealed class HubAccessToken(IReadOnlyList<PathString> hubPaths) : IPostConfigureOptions<JwtBearerOptions>
{
    public void PostConfigure(string? name, JwtBearerOptions options)
    {
        if (name != JwtBearerDefaults.AuthenticationScheme) return;
        var previous = options.Events?.OnMessageReceived;
        options.Events ??= new JwtBearerEvents();
        options.Events.OnMessageReceived = async context =>
        {
            if (previous is not null) await previous(context).ConfigureAwait(false);
            if (context.Token is null
                && hubPaths.Any(hub => context.HttpContext.Request.Path.StartsWithSegments(hub))
                && context.Request.Query["access_token"] is [{ Length: > 0 } token])
            {
                context.Token = token;
            }
        };
    }
}

public static class HubAccessTokenExtensions
{
    /// <summary>Accepts the access token from the query string on these hub paths only.</summary>
    public static IServiceCollection AcceptAccessTokenInQueryOn(this IServiceCollection services, params string[] hubPaths) =>
        services.AddSingleton<IPostConfigureOptions<JwtBearerOptions>>(new HubAccessToken(hubPaths.Select(p => new PathString(p)).ToList()));
}
