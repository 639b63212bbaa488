using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace OneDay.DaprEmulator.Http;

/// <summary>
/// Moving requests and responses between the sidecar's HTTP API and an app, as daprd's proxying does:
/// hop-by-hop headers, the length (recomputed) and the sidecar's own headers never travel on.
/// </summary>
public static class HttpForwarding
{
    private static readonly HashSet<string> NotForwarded = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "Transfer-Encoding", "Upgrade", "TE", "Trailer", "Host",
        "Content-Length", "dapr-api-token", "dapr-app-id",
    };

    public static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer.ToArray();
    }

    public static IReadOnlyList<(string Name, string Value)> ForwardedHeaders(HttpRequest request) =>
        request.Headers.Where(h => !NotForwarded.Contains(h.Key)).SelectMany(h => h.Value.Select(v => (h.Key, v ?? ""))).ToList();

    /// <summary>Adds headers to a request, content headers (Content-Type …) to its content.</summary>
    public static void AddHeaders(HttpRequestMessage message, IEnumerable<(string Name, string Value)> headers)
    {
        foreach (var (name, value) in headers)
        {
            if (!message.Headers.TryAddWithoutValidation(name, value)) message.Content?.Headers.TryAddWithoutValidation(name, value);
        }
    }

    public static async Task WriteResponseAsync(HttpResponseMessage response, HttpContext context)
    {
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var header in response.Headers.Concat(response.Content.Headers))
        {
            if (!NotForwarded.Contains(header.Key)) context.Response.Headers[header.Key] = header.Value.ToArray();
        }
        await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>daprd's error body: {"errorCode","message"} (dapr pkg/api/http/errors.go).</summary>
    public static async Task WriteErrorAsync(HttpContext context, int status, string errorCode, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(new { errorCode, message }), context.RequestAborted).ConfigureAwait(false);
    }
}
