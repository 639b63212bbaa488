using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OneDay.DaprEmulator.Configuration;
using OneDay.DaprEmulator.Hosting;
using OneDay.DaprEmulator.Http;
using OneDay.DaprEmulator.PubSub;
using OneDay.DaprEmulator.Resiliency;

namespace OneDay.DaprEmulator.Invocation;

/// <summary>
/// Service invocation (dapr pkg/api/http/directmessaging.go, pkg/messaging; docs/dapr-sidecar.md §C.4):
/// the caller's sidecar resolves the target app id, applies its resiliency policy for that app
/// (timeout per attempt, retries, circuit breaker), and the callee's sidecar applies its access control
/// and forwards to its app with `dapr-caller-app-id` and friends; the app's status, headers and body
/// come back as they are. An app id no sidecar of this process serves is looked up among the sidecars of other
/// emulator processes (<see cref="SidecarDirectory"/>).
/// </summary>
public sealed class ServiceInvocation(Sidecar sidecar)
{
    public async Task InvokeAsync(HttpContext context, string targetAppId, string method)
    {
        var cancellationToken = context.RequestAborted;
        var target = sidecar.Cluster.Resolve(targetAppId);
        var peer = target is null ? await sidecar.Cluster.Directory.FindAppAsync(sidecar, targetAppId).ConfigureAwait(false) : null;
        if (target is null && peer is null)
        {
            await HttpForwarding.WriteErrorAsync(context, 500, "ERR_DIRECT_INVOKE", $"failed to invoke, id: {targetAppId}, err: couldn't find service: {targetAppId}").ConfigureAwait(false);
            return;
        }

        var body = await HttpForwarding.ReadBodyAsync(context.Request, cancellationToken).ConfigureAwait(false);
        var call = new InvocationCall(
            sidecar.AppId,
            sidecar.Options.Namespace,
            sidecar.Resources.Configuration.AccessControl?.TrustDomain ?? AccessControlList.DefaultTrustDomain,
            context.Request.Method,
            "/" + method.TrimStart('/'),
            context.Request.QueryString.Value ?? "",
            HttpForwarding.ForwardedHeaders(context.Request),
            body,
            context.Connection.RemoteIpAddress?.ToString() ?? "127.0.0.1",
            context.Request.Host.Value ?? "");

        var policy = sidecar.Resources.Resiliency.ForApp(targetAppId);
        HttpResponseMessage response;
        try
        {
            response = await policy.ExecuteAsync(
                attempt => peer is not null
                    ? PeerForwarding.InvokeAsync(sidecar.Cluster.Directory, peer, call, attempt)
                    : (sidecar.Cluster.Resolve(targetAppId) ?? target!).Invocation.ReceiveAsync(call, attempt),
                r => (int)r.StatusCode >= 500,
                r => policy.Retry?.RetriesHttpStatus((int)r.StatusCode) ?? true,
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            var reason = ex switch
            {
                CircuitBreakerOpenException => "circuit breaker is open",
                OperationCanceledException => "context deadline exceeded",
                _ => ex.Message,
            };
            sidecar.Logger.LogWarning("invoking {Target}{Method} failed: {Reason}", targetAppId, call.Path, reason);
            await HttpForwarding.WriteErrorAsync(context, 500, "ERR_DIRECT_INVOKE", $"failed to invoke, id: {targetAppId}, err: {reason}").ConfigureAwait(false);
            return;
        }

        using (response)
        {
            await HttpForwarding.WriteResponseAsync(response, context).ConfigureAwait(false);
        }
    }

    /// <summary>The callee's side: access control, then the call to the app.</summary>
    public async Task<HttpResponseMessage> ReceiveAsync(InvocationCall call, CancellationToken cancellationToken)
    {
        var acl = sidecar.Resources.Configuration.AccessControl;
        if (acl is not null && !acl.IsAllowed(call.CallerAppId, call.CallerNamespace, call.CallerTrustDomain, call.Path, call.Verb))
        {
            return InvocationCall.Error(HttpStatusCode.Forbidden, "ERR_DIRECT_INVOKE",
                $"failed to invoke, id: {sidecar.AppId}, err: rpc error: code = PermissionDenied desc = access control policy has denied access to id: spiffe://{call.CallerTrustDomain}/ns/{call.CallerNamespace}/{call.CallerAppId} operation: {call.Path.TrimStart('/')} verb: {call.Verb.ToUpperInvariant()}");
        }
        if (sidecar.App is null)
        {
            return InvocationCall.Error(HttpStatusCode.InternalServerError, "ERR_DIRECT_INVOKE", $"failed to invoke, id: {sidecar.AppId}, err: app channel is not initialized");
        }
        if (sidecar.AppCallback is { } callback) return await AppCallbackInvocation.InvokeAsync(callback, call, sidecar.AppId, cancellationToken).ConfigureAwait(false);

        var request = new HttpRequestMessage(new HttpMethod(call.Verb), call.Path + call.Query);
        if (call.Body.Length > 0 || call.Verb is "POST" or "PUT" or "PATCH") request.Content = new ByteArrayContent(call.Body);
        // The callee gets daprd's own span in the caller's trace, not the caller's span.
        HttpForwarding.AddHeaders(request, call.Headers.Where(h =>
            !h.Name.Equals("traceparent", StringComparison.OrdinalIgnoreCase) && !h.Name.Equals("tracestate", StringComparison.OrdinalIgnoreCase)));
        request.Headers.TryAddWithoutValidation("dapr-caller-app-id", call.CallerAppId);
        request.Headers.TryAddWithoutValidation("dapr-callee-app-id", sidecar.AppId);
        request.Headers.TryAddWithoutValidation("dapr-caller-namespace", call.CallerNamespace);
        request.Headers.TryAddWithoutValidation("traceparent", call.Trace.TraceParent);
        if (call.Trace.TraceState.Length > 0) request.Headers.TryAddWithoutValidation("tracestate", call.Trace.TraceState);
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", call.RemoteAddress);
        request.Headers.TryAddWithoutValidation("X-Forwarded-Host", call.Host);
        request.Headers.TryAddWithoutValidation("Forwarded", $"for={call.RemoteAddress};by={call.RemoteAddress};host={call.Host}");
        using (request)
        {
            return await sidecar.App.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
    }

}

/// <summary>An invocation as it travels from the caller's sidecar to the callee's.</summary>
public sealed record InvocationCall(
    string CallerAppId,
    string CallerNamespace,
    string CallerTrustDomain,
    string Verb,
    string Path,
    string Query,
    IReadOnlyList<(string Name, string Value)> Headers,
    byte[] Body,
    string RemoteAddress,
    string Host)
{
    public TraceContext Trace { get; } = TraceContext.ChildOf(
        Headers.FirstOrDefault(h => h.Name.Equals("traceparent", StringComparison.OrdinalIgnoreCase)).Value,
        Headers.FirstOrDefault(h => h.Name.Equals("tracestate", StringComparison.OrdinalIgnoreCase)).Value);

    public static HttpResponseMessage Error(HttpStatusCode status, string errorCode, string message) => new(status)
    {
        Content = new StringContent(JsonSerializer.Serialize(new { errorCode, message }), System.Text.Encoding.UTF8, "application/json"),
    };
}
