using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace OneDay.Chat.Realtime;

/// <summary>
/// Browsers cannot set headers on a WebSocket, so SignalR clients send the access token as `access_token`
/// in the query string. It is read there only for the hub's path: anywhere else a token in a URL (which
/// proxies and logs keep) is ignored.
/// </summary>
public sealed class HubAccessToken : IPostConfigureOptions<JwtBearerOptions>
{
    public void PostConfigure(string? name, JwtBearerOptions options)
    {
        if (name != JwtBearerDefaults.AuthenticationScheme) return;
        var previous = options.Events?.OnMessageReceived;
        options.Events ??= new JwtBearerEvents();
        options.Events.OnMessageReceived = async context =>
        {
            if (previous is not null) await previous(context);
            if (context.Token is null
                && context.HttpContext.Request.Path.StartsWithSegments(ChatHub.Path)
                && context.Request.Query["access_token"] is [{ Length: > 0 } token])
            {
                context.Token = token;
            }
        };
    }
}
