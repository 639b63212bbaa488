using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OneDay.Contracts;
using OneDay.Gateway.Routing;
using OneDay.ServiceDefaults.Dapr;

namespace OneDay.Gateway.Security;

/// <summary>
/// The web client calls the gateway for every person using it, so by address alone all of them would be one
/// client: one rate-limit bucket, one login budget. An app listed in Gateway:ClientAddressForwarders names the
/// person's address in <see cref="ClientAddressHeader"/>, and it is believed only when the call provably came through
/// the gateway's own sidecar from that app (the app token, then Dapr's `dapr-caller-app-id`). From anyone
/// else the header means nothing, and it never travels further.
/// </summary>
public static class ForwardedClientAddress
{
    public static IApplicationBuilder UseForwardedClientAddress(this IApplicationBuilder app)
    {
        var forwarders = app.ApplicationServices.GetRequiredService<IOptions<GatewayOptions>>().Value.ClientAddressForwarders.ToHashSet(StringComparer.Ordinal);
        return app.Use(async (context, next) =>
        {
            if (context.Request.Headers.TryGetValue(ClientAddressHeader.Name, out var named) &&
                forwarders.Contains(context.Request.Headers["dapr-caller-app-id"].ToString()) &&
                DaprAppToken.CameThroughSidecar(context) &&
                IPAddress.TryParse(named.ToString(), out var address))
            {
                context.Connection.RemoteIpAddress = address;
            }
            context.Request.Headers.Remove(ClientAddressHeader.Name);
            await next(context).ConfigureAwait(false);
        });
    }
}
