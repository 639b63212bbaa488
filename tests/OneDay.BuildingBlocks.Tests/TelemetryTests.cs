using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OneDay.Testing;

namespace OneDay.BuildingBlocks.Tests;

/// <summary>What an operator reads: JSON console logs joined to traces, and spans sent where the standard settings say.</summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task A_requests_log_lines_carry_its_trace_and_span_ids()
    {
        using var console = new ConsoleCapture();
        await using var service = SampleServiceAlone.With(new Dictionary<string, string?>());
        using var client = service.CreateClient();
        const string traceId = "0af7651916cd43dd8448eb211c80319c";
        const string callerSpanId = "b7ad6b7169203331";
        var path = $"/logged-{Guid.NewGuid():N}";
        using var request = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { { "traceparent", $"00-{traceId}-{callerSpanId}-01" } } };

        using (await client.SendAsync(request)) { }

        var line = await console.LineAsync(l => l.Contains(path, StringComparison.Ordinal) && l.Contains("Request starting", StringComparison.Ordinal));
        var ids = JsonDocument.Parse(line).RootElement.GetProperty("Scopes").EnumerateArray()
            .Single(scope => scope.ValueKind == JsonValueKind.Object && scope.TryGetProperty("TraceId", out _));
        Assert.Equal(traceId, ids.GetProperty("TraceId").GetString());
        Assert.Matches("^[0-9a-f]{16}$", ids.GetProperty("SpanId").GetString());
        // The request's own span, a child of the caller's.
        Assert.NotEqual(callerSpanId, ids.GetProperty("SpanId").GetString());
        Assert.Equal(callerSpanId, ids.GetProperty("ParentId").GetString());
    }

    [Fact]
    public async Task Without_an_OTLP_endpoint_setting_spans_go_to_the_collector_named_by_OTEL_EXPORTER_OTLP_ENDPOINT()
    {
        await using var collector = await OtlpCollector.StartAsync();
        await using var service = SampleServiceAlone.With(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Address.ToString(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
        });
        using var client = service.CreateClient();
        var path = $"/traced-{Guid.NewGuid():N}";

        using (await client.GetAsync(new Uri(path, UriKind.Relative))) { }

        await Eventually.TrueAsync(() => Task.FromResult(collector.HasReceived(path)), what: "the request's span at the collector");
    }

    /// <summary>Copies what is written to the console while it lives (the JSON console logger writes there) and passes it on.</summary>
    private sealed class ConsoleCapture : IDisposable
    {
        private readonly TextWriter _original = Console.Out;
        private readonly StringBuilder _captured = new();
        private bool _capturing = true;

        public ConsoleCapture() => Console.SetOut(TextWriter.Synchronized(new Tee(_original, this)));

        public async Task<string> LineAsync(Func<string, bool> match)
        {
            string? line = null;
            await Eventually.TrueAsync(() =>
            {
                lock (_captured) line = _captured.ToString().Split('\n').FirstOrDefault(match);
                return Task.FromResult(line is not null);
            }, what: "the log line");
            return line!;
        }

        public void Dispose()
        {
            Console.SetOut(_original);
            lock (_captured) _capturing = false;
        }

        private void Append(string? text)
        {
            lock (_captured)
            {
                if (_capturing) _captured.Append(text);
            }
        }

        private sealed class Tee(TextWriter original, ConsoleCapture capture) : TextWriter
        {
            public override Encoding Encoding => original.Encoding;

            public override void Write(char value)
            {
                original.Write(value);
                capture.Append(value.ToString());
            }

            public override void Write(string? value)
            {
                original.Write(value);
                capture.Append(value);
            }

            public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

            public override void Flush() => original.Flush();
        }
    }

    /// <summary>An OTLP/HTTP trace receiver that keeps each export's body.</summary>
    private sealed class OtlpCollector : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly List<byte[]> _exports = [];

        private OtlpCollector(WebApplication app, Uri address)
        {
            _app = app;
            Address = address;
        }

        public Uri Address { get; }

        public static async Task<OtlpCollector> StartAsync()
        {
            var builder = LoopbackApp.CreateBuilder(out var port);
            var app = builder.Build();
            var collector = new OtlpCollector(app, new Uri($"http://127.0.0.1:{port}"));
            app.MapPost("/v1/traces", async (HttpRequest request) =>
            {
                using var body = new MemoryStream();
                await request.Body.CopyToAsync(body);
                lock (collector._exports) collector._exports.Add(body.ToArray());
                return Results.Ok();
            });
            await app.StartAsync();
            return collector;
        }

        /// <summary>Whether a span carrying <paramref name="text"/> (protobuf keeps strings as UTF-8) has arrived.</summary>
        public bool HasReceived(string text)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            lock (_exports) return _exports.Any(export => export.AsSpan().IndexOf(bytes) >= 0);
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
