using System.Net.Http.Headers;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using OneDay.DaprEmulator.Configuration;
using OneDay.DaprEmulator.Hosting;

namespace OneDay.DaprEmulator.GrpcApi;

/// <summary>
/// gRPC proxying (docs/dapr-invocation-and-actors-fidelity.md §3): a call on the sidecar's gRPC port to a service
/// the sidecar does not serve itself goes, as raw HTTP/2 frames, to the app named by `dapr-callee-app-id` or
/// `dapr-app-id` (dapr v1.16.9 pkg/messaging/grpc_proxy.go, intercept), through the callee's access control
/// (the operation is the method's full name), with every other metadata entry, the caller's deadline
/// (`grpc-timeout`) and the app's trailers passed through unchanged. Unary and streaming calls alike.
/// </summary>
public static class GrpcProxy
{
    private static readonly HashSet<string> ServedHere = new(StringComparer.Ordinal) { DaprServiceBase.ServiceName, Workflows.TaskHubServiceBase.ServiceName };

    private static readonly HashSet<string> NotForwarded = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Content-Length", "Connection", "Transfer-Encoding", "dapr-api-token", "dapr-app-id", "dapr-callee-app-id",
    };

    /// <summary>
    /// For a gRPC call no endpoint took: an unknown method of a service the sidecar serves is UNIMPLEMENTED (as
    /// grpc-go answers it); any other service is proxied.
    /// </summary>
    public static async Task ForwardAsync(HttpContext context, Sidecar sidecar)
    {
        var service = (context.Request.Path.Value ?? "").TrimStart('/').Split('/')[0];
        if (ServedHere.Contains(service))
        {
            Fail(context, StatusCode.Unimplemented, $"unknown method {context.Request.Path.Value} for service {service}");
            return;
        }
        if (sidecar.Options.DaprApiToken is { } token && context.Request.Headers["dapr-api-token"].ToString() != token)
        {
            Fail(context, StatusCode.Unauthenticated, "authentication error: api token mismatch");
            return;
        }
        var appId = FirstOf(context.Request.Headers["dapr-callee-app-id"]) ?? FirstOf(context.Request.Headers["dapr-app-id"]);
        if (appId is null)
        {
            // daprd's director returns a plain error, which gRPC reports as UNKNOWN.
            Fail(context, StatusCode.Unknown, "failed to proxy request: required metadata dapr-callee-app-id or dapr-app-id not found");
            return;
        }
        var target = sidecar.Cluster.Resolve(appId);
        if (target is null)
        {
            Fail(context, StatusCode.Unknown, $"failed to proxy request: couldn't find service: {appId}");
            return;
        }
        var callerTrustDomain = sidecar.Resources.Configuration.AccessControl?.TrustDomain ?? AccessControlList.DefaultTrustDomain;
        var method = context.Request.Path.Value ?? "/";
        if (target.Resources.Configuration.AccessControl is { } acl &&
            !acl.IsAllowed(sidecar.AppId, sidecar.Options.Namespace, callerTrustDomain, method, "POST"))
        {
            Fail(context, StatusCode.PermissionDenied,
                $"access control policy has denied access to id: spiffe://{callerTrustDomain}/ns/{sidecar.Options.Namespace}/{sidecar.AppId} operation: {method.TrimStart('/')} verb: NONE");
            return;
        }
        if (target.App is null)
        {
            Fail(context, StatusCode.Unavailable, $"failed to proxy request: app channel for {appId} is not initialized");
            return;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, method) { Content = new StreamContent(context.Request.Body) };
        foreach (var (name, values) in context.Request.Headers)
        {
            if (NotForwarded.Contains(name) || name.StartsWith(':')) continue;
            if (!request.Headers.TryAddWithoutValidation(name, values.ToArray())) request.Content.Headers.TryAddWithoutValidation(name, values.ToArray());
        }
        request.Headers.TryAddWithoutValidation("dapr-caller-app-id", sidecar.AppId);
        request.Headers.TryAddWithoutValidation("dapr-callee-app-id", appId);

        HttpResponseMessage response;
        try
        {
            response = await target.App.SendGrpcAsync(request, context.RequestAborted).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            sidecar.Logger.LogWarning("proxying {Method} to {AppId} failed: {Reason}", method, appId, ex.Message);
            Fail(context, StatusCode.Unavailable, $"failed to proxy request: {ex.Message}");
            return;
        }
        using (response)
        {
            context.Response.StatusCode = (int)response.StatusCode;
            foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            {
                if (!NotForwarded.Contains(name)) context.Response.Headers[name] = values.ToArray();
            }
            await CopyMessagesAsync(response, context).ConfigureAwait(false);
            CopyTrailers(response.TrailingHeaders, context);
        }
    }

    /// <summary>Streams the app's messages to the caller as they arrive: a server stream must not wait for its end.</summary>
    private static async Task CopyMessagesAsync(HttpResponseMessage response, HttpContext context)
    {
        await using var body = await response.Content.ReadAsStreamAsync(context.RequestAborted).ConfigureAwait(false);
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(buffer, context.RequestAborted).ConfigureAwait(false)) > 0)
        {
            await context.Response.Body.WriteAsync(buffer.AsMemory(0, read), context.RequestAborted).ConfigureAwait(false);
            await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
        }
    }

    private static void CopyTrailers(HttpResponseHeaders trailers, HttpContext context)
    {
        if (context.Features.Get<IHttpResponseTrailersFeature>() is null) return;
        foreach (var (name, values) in trailers)
        {
            foreach (var value in values) context.Response.AppendTrailer(name, value);
        }
    }

    /// <summary>A trailers-only gRPC answer, as a gRPC server gives an error before any message.</summary>
    private static void Fail(HttpContext context, StatusCode status, string message)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/grpc";
        context.Response.Headers["grpc-status"] = ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.Headers["grpc-message"] = Uri.EscapeDataString(message);
    }

    private static string? FirstOf(Microsoft.Extensions.Primitives.StringValues values) => values.FirstOrDefault() is { Length: > 0 } value ? value : null;
}
