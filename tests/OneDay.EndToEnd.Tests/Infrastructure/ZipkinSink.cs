using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OneDay.Testing;

namespace OneDay.EndToEnd.Tests.Infrastructure;

/// <summary>One span as Zipkin's v2 API receives it: enough to tell which service took part in which trace.</summary>
public sealed record ReceivedSpan(string TraceId, string Id, string? ParentId, string Name, string ServiceName);

/// <summary>
/// A Zipkin-compatible collector (POST /api/v2/spans, JSON v2) the services export to, so a test can see
/// which services one request's trace crossed.
/// </summary>
public sealed class ZipkinSink : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<ReceivedSpan> _spans = [];

    private ZipkinSink(WebApplication app, Uri endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    public IReadOnlyList<ReceivedSpan> Spans
    {
        get { lock (_spans) return _spans.ToList(); }
    }

    public static async Task<ZipkinSink> StartAsync()
    {
        var builder = LoopbackApp.CreateBuilder(out var port);
        var app = builder.Build();
        var sink = new ZipkinSink(app, new Uri($"http://127.0.0.1:{port}/api/v2/spans"));
        app.MapPost("/api/v2/spans", async (HttpRequest request) =>
        {
            using var document = await JsonDocument.ParseAsync(request.Body).ConfigureAwait(false);
            var spans = document.RootElement.EnumerateArray().Select(span => new ReceivedSpan(
                span.GetProperty("traceId").GetString()!,
                span.GetProperty("id").GetString()!,
                span.TryGetProperty("parentId", out var parent) ? parent.GetString() : null,
                span.TryGetProperty("name", out var name) ? name.GetString() ?? "" : "",
                span.TryGetProperty("localEndpoint", out var local) && local.TryGetProperty("serviceName", out var service) ? service.GetString() ?? "" : "")).ToList();
            lock (sink._spans) sink._spans.AddRange(spans);
            return Results.Accepted();
        });
        await app.StartAsync().ConfigureAwait(false);
        return sink;
    }

    /// <summary>The services that have reported spans of <paramref name="traceId"/> so far.</summary>
    public IReadOnlySet<string> ServicesIn(string traceId) =>
        Spans.Where(s => string.Equals(s.TraceId, traceId, StringComparison.OrdinalIgnoreCase)).Select(s => s.ServiceName).ToHashSet(StringComparer.Ordinal);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync().ConfigureAwait(false);
}
