using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;

namespace OneDay.ServiceDefaults.Telemetry.Logs;

/// <summary>
/// Ships OpenTelemetry log records to Loki's push API (<c>POST /loki/api/v1/push</c>): one stream per
/// app and level (the only labels, so Loki's index stays small), each line a JSON object with the message,
/// category, trace and span ids and the record's attributes. Loki 2.x takes no OTLP, hence its own API.
/// A push that fails drops that batch (logs must never stop the service); stderr says so when shipping
/// stops and when it resumes, not once a second while Loki is away.
/// </summary>
public sealed class LokiLogExporter(Uri lokiEndpoint, string app, HttpMessageHandler? handler = null) : BaseExporter<LogRecord>
{
    private readonly HttpClient _http = new(handler ?? new SocketsHttpHandler(), disposeHandler: true) { Timeout = TimeSpan.FromSeconds(10) };
    private readonly Uri _push = new(lokiEndpoint, "/loki/api/v1/push");
    private bool _failing;

    public override ExportResult Export(in Batch<LogRecord> batch)
    {
        // The push itself must not become a span or a log record of its own.
        using var suppress = SuppressInstrumentationScope.Begin();
        var streams = new Dictionary<string, List<string[]>>(StringComparer.Ordinal);
        foreach (var record in batch)
        {
            var level = LevelLabel(record.LogLevel);
            if (!streams.TryGetValue(level, out var values)) streams[level] = values = [];
            values.Add([UnixNanoseconds(record.Timestamp), Line(record)]);
        }
        var body = JsonSerializer.Serialize(new
        {
            streams = streams.Select(s => new { stream = new Dictionary<string, string> { ["app"] = app, ["level"] = s.Key }, values = s.Value }),
        });
        try
        {
            using var content = new StringContent(body, Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = _http.Send(new HttpRequestMessage(HttpMethod.Post, _push) { Content = content });
            if (response.IsSuccessStatusCode)
            {
                if (_failing) Console.Error.WriteLine($"loki: shipping logs to {_push} again");
                _failing = false;
                return ExportResult.Success;
            }
            Failed($"the push was refused: {(int)response.StatusCode}");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            Failed(ex.Message);
        }
        return ExportResult.Failure;
    }

    private void Failed(string why)
    {
        if (!_failing) Console.Error.WriteLine($"loki: log records are dropped until {_push} takes them again: {why}");
        _failing = true;
    }

    /// <summary>Loki's and Grafana's usual level names, so the level filter of Grafana's log view works.</summary>
    public static string LevelLabel(LogLevel level) => level switch
    {
        LogLevel.Trace => "trace",
        LogLevel.Debug => "debug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "error",
        LogLevel.Critical => "critical",
        _ => "unknown",
    };

    private static string UnixNanoseconds(DateTime timestamp) =>
        ((timestamp.ToUniversalTime() - DateTime.UnixEpoch).Ticks * 100).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Line(LogRecord record)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("message", record.FormattedMessage ?? record.Body ?? "");
            json.WriteString("category", record.CategoryName);
            if (record.TraceId != default) json.WriteString("trace_id", record.TraceId.ToHexString());
            if (record.SpanId != default) json.WriteString("span_id", record.SpanId.ToHexString());
            if (record.EventId.Id != 0) json.WriteNumber("event_id", record.EventId.Id);
            foreach (var (key, value) in record.Attributes ?? [])
            {
                if (key == "{OriginalFormat}") continue;
                json.WriteString(key, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
            }
            if (record.Exception is { } exception) json.WriteString("exception", exception.ToString());
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _http.Dispose();
        base.Dispose(disposing);
    }
}
