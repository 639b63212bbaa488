using Microsoft.AspNetCore.Builder;

namespace OneDay.Testing;

/// <summary>A small real HTTP app beside its own emulator sidecar, standing in for another OneDay service.</summary>
public sealed class PeerApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private PeerApp(WebApplication app) => _app = app;

    public static async Task<PeerApp> StartAsync(DaprTestEnvironment environment, string appId, Action<WebApplication> map)
    {
        var builder = LoopbackApp.CreateBuilder(out var port);
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        var sidecar = await environment.Cluster.StartSidecarAsync(environment.SidecarOptions(appId, port));
        await sidecar.AppReady.WaitAsync(TimeSpan.FromSeconds(30));
        return new PeerApp(app);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
