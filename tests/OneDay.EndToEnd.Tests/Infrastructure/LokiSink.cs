using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace OneDay.EndToEnd.Tests.Infrastructure;

/// <summary>One log line as Loki's push API received it: its stream's labels and the line.</summary>
public sealed record ShippedLogLine(string App, string Level, string Line);

/// <summary>
/// Receives what the services ship to Loki's push API (POST /loki/api/v1/push, JSON streams), as
/// <see cref="ZipkinSink"/> does for spans: Grafana Loki itself is not obtainable on these machines
/// (Debian's "loki" package is an unrelated genetics program), so the test reads the pushes themselves.
/// </summary>
public sealed class LokiSink : IAsyncDisposable
{
    private readonly PushReceiver<ShippedLogLine> _receiver;

    private LokiSink(PushReceiver<ShippedLogLine> receiver) => _receiver = receiver;

    /// <summary>Loki's base address, as Telemetry:LokiEndpoint takes it.</summary>
    public Uri Endpoint => _receiver.BaseAddress;

    public IReadOnlyList<ShippedLogLine> Lines => _receiver.Items;

    public static async Task<LokiSink> StartAsync()
    {
        var receiver = new PushReceiver<ShippedLogLine>("/loki/api/v1/push", ReadAsync, StatusCodes.Status204NoContent);
        await receiver.StartAsync().ConfigureAwait(false);
        return new LokiSink(receiver);
    }

    private static async Task<PushReading<ShippedLogLine>> ReadAsync(HttpRequest request)
    {
        if (request.ContentType != "application/json") return new PushReading<ShippedLogLine>([], "Content-Type must be application/json");
        using var document = await JsonDocument.ParseAsync(request.Body).ConfigureAwait(false);
        var lines = new List<ShippedLogLine>();
        foreach (var stream in document.RootElement.GetProperty("streams").EnumerateArray())
        {
            var labels = stream.GetProperty("stream");
            foreach (var value in stream.GetProperty("values").EnumerateArray())
            {
                // Loki takes [unix nanoseconds as a string, line]; anything else it refuses.
                if (!long.TryParse(value[0].GetString(), out _)) return new PushReading<ShippedLogLine>([], "timestamp must be unix nanoseconds as a string");
                lines.Add(new ShippedLogLine(labels.GetProperty("app").GetString()!, labels.GetProperty("level").GetString()!, value[1].GetString()!));
            }
        }
        return new PushReading<ShippedLogLine>(lines);
    }

    /// <summary>The apps whose shipped lines carry <paramref name="traceId"/>, as Loki's <c>{app=~".+"} | json | trace_id="…"</c> finds them.</summary>
    public IReadOnlySet<string> AppsLogging(string traceId) =>
        Lines.Where(l => TraceIdOf(l.Line) == traceId).Select(l => l.App).ToHashSet(StringComparer.Ordinal);

    private static string? TraceIdOf(string line)
    {
        using var json = JsonDocument.Parse(line);
        return json.RootElement.TryGetProperty("trace_id", out var id) ? id.GetString() : null;
    }

    public ValueTask DisposeAsync() => _receiver.DisposeAsync();
}
