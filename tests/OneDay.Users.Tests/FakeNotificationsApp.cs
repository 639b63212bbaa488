using System.Net;
using System.Text.Json;
using OneDay.Contracts;
using OneDay.Contracts.Notifications;
using OneDay.Testing;

namespace OneDay.Users.Tests;

/// <summary>
/// Stands in for the notifications service: a real app beside its own sidecar, registered as
/// "notifications", so users reaches it through Dapr service invocation exactly as it will reach the real
/// one. It records every send request and can be told to refuse the next few (as a service that is down).
/// </summary>
public sealed class FakeNotificationsApp : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<JsonElement> _received = [];
    private readonly List<JsonElement> _refused = [];
    private int _failuresLeft;
    private int _attempts;

    private FakeNotificationsApp(WebApplication app) => _app = app;

    /// <summary>Every accepted request body.</summary>
    public IReadOnlyList<JsonElement> Received
    {
        get { lock (_received) return _received.ToList(); }
    }

    /// <summary>Every refused request body.</summary>
    public IReadOnlyList<JsonElement> Refused
    {
        get { lock (_refused) return _refused.ToList(); }
    }

    /// <summary>Every request, accepted or refused.</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    public void RefuseNext(int requests) => Interlocked.Exchange(ref _failuresLeft, requests);

    public static async Task<FakeNotificationsApp> StartAsync(DaprTestEnvironment environment)
    {
        var builder = LoopbackApp.CreateBuilder(out var port);
        var app = builder.Build();
        var fake = new FakeNotificationsApp(app);
        app.MapPost("/internal/notifications/send", async (HttpRequest request) =>
        {
            var body = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body);
            Interlocked.Increment(ref fake._attempts);
            if (Interlocked.Decrement(ref fake._failuresLeft) >= 0)
            {
                lock (fake._refused) fake._refused.Add(body);
                return Results.StatusCode((int)HttpStatusCode.ServiceUnavailable);
            }
            lock (fake._received) fake._received.Add(body);
            return Results.Accepted();
        });
        await app.StartAsync();
        var sidecar = await environment.Cluster.StartSidecarAsync(environment.SidecarOptions("notifications", port));
        await sidecar.AppReady.WaitAsync(TimeSpan.FromSeconds(30));
        return fake;
    }

    /// <summary>The token of the newest message of <paramref name="kind"/> sent for the user, waiting for it to arrive.</summary>
    public async Task<string> TokenForAsync(Guid userId, NotificationKind kind, int messagesBefore = 0)
    {
        JsonElement[] messages = [];
        await Eventually.TrueAsync(() =>
        {
            messages = [.. For(userId, kind)];
            return Task.FromResult(messages.Length > messagesBefore);
        }, what: $"a {kind} message for {userId}");
        return TokenOf(messages[^1]);
    }

    public IEnumerable<JsonElement> For(Guid userId, NotificationKind kind) => About(Received, userId, kind);

    /// <summary>The tokens of the refused messages of <paramref name="kind"/> for the user.</summary>
    public IReadOnlyList<string> RefusedTokensFor(Guid userId, NotificationKind kind) => [.. About(Refused, userId, kind).Select(TokenOf)];

    public static string TokenOf(JsonElement message) => message.GetProperty("parameters").GetProperty("token").GetString()!;

    private static IEnumerable<JsonElement> About(IEnumerable<JsonElement> messages, Guid userId, NotificationKind kind) =>
        messages.Where(m => m.GetProperty("recipientId").GetGuid() == userId && m.GetProperty("kind").Deserialize<NotificationKind>(ContractJson.Options) == kind);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
