using Microsoft.AspNetCore.SignalR;
using OneDay.Testing;

namespace OneDay.Gateway.Tests;

/// <summary>
/// A stand-in service behind its own sidecar: answers any request with what it received (path, headers,
/// the caller Dapr reports), and serves a SignalR hub that greets each connection.
/// </summary>
public sealed class EchoService : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EchoService(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    public static async Task<EchoService> StartAsync(DaprTestEnvironment dapr, string appId, bool withSidecar = true)
    {
        var builder = LoopbackApp.CreateBuilder(out var port);
        builder.Services.AddSignalR();
        var app = builder.Build();
        app.UseWebSockets();
        app.MapHub<GreetingHub>("/hubs/notifications");
        app.MapGet("/jobs/slow", async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(5));
            return Results.Ok();
        });
        app.MapFallback((HttpRequest request) => Results.Json(new
        {
            appId,
            method = request.Method,
            path = request.Path.Value,
            headers = request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()),
        }));
        await app.StartAsync();
        if (withSidecar)
        {
            var sidecar = await dapr.Cluster.StartSidecarAsync(dapr.SidecarOptions(appId, port));
            await sidecar.AppReady.WaitAsync(TimeSpan.FromSeconds(30));
        }
        return new EchoService(app, port);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private sealed class GreetingHub : Hub
    {
        public override Task OnConnectedAsync() => Clients.Caller.SendAsync("notification", "안녕하세요");
    }
}
