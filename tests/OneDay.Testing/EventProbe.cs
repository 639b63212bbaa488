using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace OneDay.Testing;

/// <summary>An integration event as it arrived: the whole CloudEvent daprd delivered.</summary>
public sealed record ProbedEvent(string Topic, JsonElement CloudEvent)
{
    public string Id => CloudEvent.GetProperty("id").GetString()!;

    public JsonElement Data => CloudEvent.GetProperty("data");

    public string TraceParent => CloudEvent.GetProperty("traceparent").GetString()!;
}

/// <summary>
/// A bare subscriber app beside its own sidecar that records every CloudEvent published on the given
/// topics, to observe what a service publishes as any other service would receive it.
/// </summary>
public sealed class EventProbe : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<ProbedEvent> _received = [];

    private EventProbe(WebApplication app) => _app = app;

    public IReadOnlyList<ProbedEvent> Received
    {
        get { lock (_received) return _received.ToList(); }
    }

    public static async Task<EventProbe> StartAsync(DaprTestEnvironment environment, string appId, params string[] topics)
    {
        var port = LoopbackPort.Free();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var probe = new EventProbe(app);
        app.MapGet("/dapr/subscribe", () => Results.Json(topics.Select(topic => new { pubsubname = "pubsub", topic, route = $"events/{topic}" })));
        app.MapPost("/events/{topic}", async (string topic, HttpRequest request) =>
        {
            var cloudEvent = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body).ConfigureAwait(false);
            lock (probe._received) probe._received.Add(new ProbedEvent(topic, cloudEvent));
            return Results.Ok();
        });
        await app.StartAsync().ConfigureAwait(false);
        var sidecar = await environment.Cluster.StartSidecarAsync(environment.SidecarOptions(appId, port)).ConfigureAwait(false);
        await sidecar.AppReady.WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        return probe;
    }

    /// <summary>Waits until what was received satisfies <paramref name="condition"/>.</summary>
    public async Task<IReadOnlyList<ProbedEvent>> WaitForAsync(Func<IReadOnlyList<ProbedEvent>, bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var received = Received;
            if (condition(received)) return received;
            if (DateTimeOffset.UtcNow > deadline) throw new TimeoutException($"the probe received {received.Count} events, not what the test waited for");
            await Task.Delay(25).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync().ConfigureAwait(false);

}
