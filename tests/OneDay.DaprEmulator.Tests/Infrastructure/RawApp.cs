namespace OneDay.DaprEmulator.Tests.Infrastructure;

/// <summary>
/// An app written by hand instead of with the SDK, for answers the SDK never gives (other key casing,
/// raw actor responses) so every byte is visible; it records what it receives like the conformance app.
/// </summary>
public sealed class RawApp : IAsyncDisposable
{
    private readonly WebApplication _web;

    private RawApp(WebApplication web) => _web = web;

    public static async Task<RawApp> StartAsync(int port, EventRecorder recorder, string instance, Action<WebApplication> mapRoutes)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var web = builder.Build();
        web.UseRequestRecording(recorder, instance);
        mapRoutes(web);
        await web.StartAsync();
        return new RawApp(web);
    }

    public async ValueTask DisposeAsync()
    {
        await _web.StopAsync();
        await _web.DisposeAsync();
    }
}
