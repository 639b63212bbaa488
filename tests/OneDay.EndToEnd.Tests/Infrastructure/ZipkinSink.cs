using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace OneDay.EndToEnd.Tests.Infrastructure;

/// <summary>One span as Zipkin's v2 API receives it: enough to tell which service took part in which trace.</summary>
public sealed record ReceivedSpan(string TraceId, string Id, string? ParentId, string Name, string ServiceName);

/// <summary>
/// A Zipkin-compatible collector (POST /api/v2/spans, JSON v2) the services export to, so a test can see
/// which services one request's trace crossed.
/// </summary>
public sealed class ZipkinSink : IAsyncDisposable
{
    private const string SpansPath = "api/v2/spans";

    private readonly PushReceiver<ReceivedSpan> _receiver;

    private ZipkinSink(PushReceiver<ReceivedSpan> receiver) => _receiver = receiver;

    /// <summary>The spans endpoint itself, as Telemetry:ZipkinEndpoint takes it.</summary>
    public Uri Endpoint => new(_receiver.BaseAddress, SpansPath);

    public IReadOnlyList<ReceivedSpan> Spans => _receiver.Items;

    public static async Task<ZipkinSink> StartAsync()
    {
        var receiver = new PushReceiver<ReceivedSpan>("/" + SpansPath, ReadAsync, StatusCodes.Status202Accepted);
        await receiver.StartAsync().ConfigureAwait(false);
        return new ZipkinSink(receiver);
    }

    private static async Task<PushReading<ReceivedSpan>> ReadAsync(HttpRequest request)
    {
        using var document = await JsonDocument.ParseAsync(request.Body).ConfigureAwait(false);
        return new PushReading<ReceivedSpan>(document.RootElement.EnumerateArray().Select(span => new ReceivedSpan(
            span.GetProperty("traceId").GetString()!,
            span.GetProperty("id").GetString()!,
            span.TryGetProperty("parentId", out var parent) ? parent.GetString() : null,
            span.TryGetProperty("name", out var name) ? name.GetString() ?? "" : "",
            span.TryGetProperty("localEndpoint", out var local) && local.TryGetProperty("serviceName", out var service) ? service.GetString() ?? "" : "")).ToList());
    }

    /// <summary>The services that have reported spans of <paramref name="traceId"/> so far.</summary>
    public IReadOnlySet<string> ServicesIn(string traceId) =>
        Spans.Where(s => string.Equals(s.TraceId, traceId, StringComparison.OrdinalIgnoreCase)).Select(s => s.ServiceName).ToHashSet(StringComparer.Ordinal);

    public ValueTask DisposeAsync() => _receiver.DisposeAsync();
}
