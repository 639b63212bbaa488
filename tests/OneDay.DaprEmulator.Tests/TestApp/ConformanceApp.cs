using System.Text.Json;
using Dapr;
using Dapr.Actors;
using Dapr.Actors.Runtime;
using Dapr.AspNetCore;
using OneDay.DaprEmulator.Tests.Infrastructure;

namespace OneDay.DaprEmulator.Tests.TestApp;

/// <summary>
/// A small app written the way OneDay's services are: Dapr.AspNetCore subscriptions (minimal-API
/// WithTopic and MVC [Topic]), UseCloudEvents, MapSubscribeHandler, Dapr.Actors actors, and plain
/// endpoints that service invocation reaches. Everything it receives is recorded as it arrived.
/// </summary>
public sealed class ConformanceApp : IAsyncDisposable
{
    private readonly WebApplication _web;
    private int _unavailableCalls;
    private int _failingCalls;

    private ConformanceApp(WebApplication web) => _web = web;

    public IServiceProvider Services => _web.Services;

    public static async Task<ConformanceApp> StartAsync(string instance, int port, Uri sidecarHttp, Uri sidecarGrpc, EventRecorder recorder, string? daprApiToken)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Services.AddSingleton(recorder);
        builder.Services.AddDaprClient(client =>
        {
            client.UseHttpEndpoint(sidecarHttp.ToString()).UseGrpcEndpoint(sidecarGrpc.ToString());
            if (daprApiToken is not null) client.UseDaprApiToken(daprApiToken);
        });
        builder.Services.AddControllers().AddDapr().AddApplicationPart(typeof(ConformanceApp).Assembly);
        builder.Services.AddActors(options =>
        {
            options.Actors.RegisterActor<CounterActor>();
            options.Actors.RegisterActor<ReminderActor>();
            options.Actors.RegisterActor<RelayActor>(new ActorRuntimeOptions { ReentrancyConfig = new ActorReentrancyConfig { Enabled = true } });
            options.HttpEndpoint = sidecarHttp.ToString();
            if (daprApiToken is not null) options.DaprApiToken = daprApiToken;
            options.ActorIdleTimeout = TimeSpan.FromSeconds(2);
        });

        var web = builder.Build();
        var app = new ConformanceApp(web);
        web.UseRequestRecording(recorder, instance);
        web.UseCloudEvents();
        web.MapSubscribeHandler();
        web.MapControllers();
        web.MapActorsHandlers();
        MapEvents(web, recorder);
        app.MapInvocationTargets(web);
        await web.StartAsync();
        return app;
    }

    private static void MapEvents(WebApplication web, EventRecorder recorder)
    {
        web.MapPost("/events/orders", (OrderPlaced order) => Results.Ok(order)).WithTopic("pubsub", "orders");
        web.MapPost("/events/notes", () => Results.Ok()).WithTopic("pubsub", "notes");
        web.MapPost("/events/orders-v2", (OrderPlaced order) => Results.Ok(order))
            .WithTopic(new TopicOptions { PubsubName = "pubsub", Name = "orders", Match = "event.type == \"v2\"", Priority = 1 });
        web.MapPost("/events/flaky", () =>
        {
            var attempts = recorder.At("/events/flaky").Count;
            return attempts <= 2 ? Results.Ok(new { status = "RETRY" }) : Results.Ok(new { status = "SUCCESS" });
        }).WithTopic("pubsub", "flaky");
        web.MapPost("/events/failing", () => Results.StatusCode(500)).WithTopic("pubsub", "failing");
        web.MapPost("/events/dropper", () => Results.Ok(new { status = "DROP" }))
            .WithTopic(new TopicOptions { PubsubName = "pubsub", Name = "drops", DeadLetterTopic = "drops-dead" });
        web.MapPost("/events/dead", () => Results.Ok()).WithTopic("pubsub", "drops-dead");
        web.MapPost("/events/missing", () => Results.NotFound()).WithTopic("pubsub", "gone");
        web.MapPost("/events/raw", async (HttpRequest request) =>
        {
            var bytes = await new StreamReader(request.Body).ReadToEndAsync();
            return Results.Ok(new { contentType = request.ContentType, bytes });
        }).WithTopic("pubsub", "raw", enableRawPayload: true);
        web.MapPost("/events/once", () => Results.StatusCode(503)).WithTopic("plain", "once");
    }

    private void MapInvocationTargets(WebApplication web)
    {
        web.Map("/echo/{**rest}", async (HttpContext context, string? rest) =>
        {
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
            var status = int.TryParse(context.Request.Query["status"], out var s) ? s : 200;
            context.Response.Headers["X-Echo"] = "yes";
            return Results.Json(new
            {
                method = context.Request.Method,
                path = context.Request.Path.Value,
                query = context.Request.QueryString.Value,
                body,
                headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()),
            }, statusCode: status);
        });
        web.MapGet("/unavailable", () => Interlocked.Increment(ref _unavailableCalls) <= 2 ? Results.StatusCode(503) : Results.Ok("finally"));
        web.MapGet("/failing", () =>
        {
            Interlocked.Increment(ref _failingCalls);
            return Results.StatusCode(500);
        });
        web.MapGet("/slow", async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            return Results.Ok("late");
        });
        web.MapGet("/internal/orders/secret", () => Results.Ok("internal"));
        web.MapGet("/public/orders", () => Results.Ok("public"));
    }

    public int FailingCalls => Volatile.Read(ref _failingCalls);

    public static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    public async ValueTask DisposeAsync()
    {
        await _web.StopAsync();
        await _web.DisposeAsync();
    }
}
