using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OneDay.DaprEmulator.Hosting;

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

    /// <summary>The probe's own sidecar: publishing through it is publishing as any other app would.</summary>
    public Sidecar Sidecar { get; private set; } = null!;

    public static Task<EventProbe> StartAsync(DaprTestEnvironment environment, string appId, params string[] topics) =>
        StartAsync(environment.Cluster, port => environment.SidecarOptions(appId, port), topics);

    /// <summary>Starts the probe beside a sidecar of <paramref name="cluster"/> made by <paramref name="sidecarFor"/> (given the probe's port).</summary>
    public static async Task<EventProbe> StartAsync(EmulatorCluster cluster, Func<int, SidecarOptions> sidecarFor, params string[] topics)
    {
        var builder = LoopbackApp.CreateBuilder(out var port);
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
        probe.Sidecar = await cluster.StartSidecarAsync(sidecarFor(port)).ConfigureAwait(false);
        await probe.Sidecar.AppReady.WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
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
