using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OneDay.DaprEmulator.Hosting;
using OneDay.DaprEmulator.Invocation;

namespace OneDay.DaprEmulator.Http;

/// <summary>
/// Calls between sidecars of separate emulator processes (docs/dapr-invocation-and-actors-fidelity.md §4), where
/// daprd's sidecars talk over their internal gRPC port: a service invocation travels to the callee's sidecar with the
/// caller's identity, which applies its access control and calls its app as for a caller in its own process; an actor
/// API call for a type no app of this process hosts goes as it is to the sidecar whose app hosts the actor.
/// </summary>
public static class PeerForwarding
{
    private const string InvokePath = "/dapr-emulator/invoke";
    private const string CallerPrefix = "dapr-emulator-caller-";

    /// <summary>Whether the request came from a sidecar of another process (its token checked by the pipeline).</summary>
    public static bool IsFromPeer(HttpContext context) => context.Items.ContainsKey(SidecarDirectory.PeerHeader);

    /// <summary>The caller's side of a cross-process invocation.</summary>
    public static async Task<HttpResponseMessage> InvokeAsync(SidecarDirectory directory, PeerSidecar peer, InvocationCall call, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(new HttpMethod(call.Verb),
            new Uri($"http://{peer.Address}:{peer.HttpPort}{InvokePath}/{Uri.EscapeDataString(peer.AppId)}{call.Path}{call.Query}"));
        if (call.Body.Length > 0 || call.Verb is "POST" or "PUT" or "PATCH") request.Content = new ByteArrayContent(call.Body);
        HttpForwarding.AddHeaders(request, call.Headers);
        request.Headers.TryAddWithoutValidation(SidecarDirectory.PeerHeader, peer.PeerToken);
        request.Headers.TryAddWithoutValidation(CallerPrefix + "app-id", call.CallerAppId);
        request.Headers.TryAddWithoutValidation(CallerPrefix + "namespace", call.CallerNamespace);
        request.Headers.TryAddWithoutValidation(CallerPrefix + "trust-domain", call.CallerTrustDomain);
        request.Headers.TryAddWithoutValidation(CallerPrefix + "remote-address", call.RemoteAddress);
        request.Headers.TryAddWithoutValidation(CallerPrefix + "host", call.Host);
        return await directory.Peers.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>An actor API call passed on unchanged to the sidecar of another process that hosts the actor.</summary>
    public static async Task ForwardActorCallAsync(HttpContext context, SidecarDirectory directory, PeerSidecar peer)
    {
        var body = await HttpForwarding.ReadBodyAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method),
            new Uri($"http://{peer.Address}:{peer.HttpPort}{context.Request.Path}{context.Request.QueryString}"));
        if (body.Length > 0 || context.Request.ContentType is not null) request.Content = new ByteArrayContent(body);
        HttpForwarding.AddHeaders(request, HttpForwarding.ForwardedHeaders(context.Request));
        request.Headers.TryAddWithoutValidation(SidecarDirectory.PeerHeader, peer.PeerToken);
        HttpResponseMessage response;
        try
        {
            response = await directory.Peers.SendAsync(request, context.RequestAborted).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            await HttpForwarding.WriteErrorAsync(context, 500, "ERR_ACTOR_INVOKE_METHOD", $"error invoke actor method: {ex.Message}").ConfigureAwait(false);
            return;
        }
        using (response) await HttpForwarding.WriteResponseAsync(response, context).ConfigureAwait(false);
    }

    /// <summary>The callee's side: the invocation endpoint only sidecars of other processes may call.</summary>
    public static void MapPeerApi(this IEndpointRouteBuilder app, Sidecar sidecar)
    {
        app.Map(InvokePath + "/{appId}/{**method}", async (HttpContext context, string appId, string? method) =>
        {
            if (!IsFromPeer(context) || appId != sidecar.AppId)
            {
                context.Response.StatusCode = 401;
                return;
            }
            var headers = context.Request.Headers;
            var call = new InvocationCall(
                headers[CallerPrefix + "app-id"].ToString(),
                headers[CallerPrefix + "namespace"].ToString(),
                headers[CallerPrefix + "trust-domain"].ToString(),
                context.Request.Method,
                "/" + (method ?? ""),
                context.Request.QueryString.Value ?? "",
                HttpForwarding.ForwardedHeaders(context.Request).Where(h => !h.Name.StartsWith(CallerPrefix, StringComparison.OrdinalIgnoreCase)).ToList(),
                await HttpForwarding.ReadBodyAsync(context.Request, context.RequestAborted).ConfigureAwait(false),
                headers[CallerPrefix + "remote-address"].ToString(),
                headers[CallerPrefix + "host"].ToString());
            using var response = await sidecar.Invocation.ReceiveAsync(call, context.RequestAborted).ConfigureAwait(false);
            await HttpForwarding.WriteResponseAsync(response, context).ConfigureAwait(false);
        });
    }
}
