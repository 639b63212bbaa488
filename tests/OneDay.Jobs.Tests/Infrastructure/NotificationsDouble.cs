using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using OneDay.Testing;

namespace OneDay.Jobs.Tests.Infrastructure;

/// <summary>
/// The notifications service's `POST /internal/notifications/send`, recording what it is asked to send; for a
/// recipient the test names it fails (503) a given number of times first, or always.
/// </summary>
public sealed class NotificationsDouble : IAsyncDisposable
{
    private readonly ConcurrentDictionary<Guid, int> _failuresLeft = new();
    private readonly ConcurrentQueue<JsonElement> _sent = new();
    private readonly ConcurrentQueue<Guid> _attempts = new();
    private PeerApp _app = null!;

    public static async Task<NotificationsDouble> StartAsync(DaprTestEnvironment environment)
    {
        var notifications = new NotificationsDouble();
        notifications._app = await PeerApp.StartAsync(environment, "notifications", app =>
            app.MapPost("/internal/notifications/send", async (HttpRequest request) =>
            {
                var body = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body);
                var recipient = body.GetProperty("recipientId").GetGuid();
                notifications._attempts.Enqueue(recipient);
                if (notifications._failuresLeft.TryGetValue(recipient, out var left) && left > 0)
                {
                    notifications._failuresLeft[recipient] = left - 1;
                    return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
                }
                notifications._sent.Enqueue(body);
                return Results.Accepted();
            }));
        return notifications;
    }

    /// <summary>Sending to <paramref name="recipientId"/> fails the next <paramref name="times"/> times.</summary>
    public void FailFor(Guid recipientId, int times = int.MaxValue) => _failuresLeft[recipientId] = times;

    public void Recover(Guid recipientId) => _failuresLeft.TryRemove(recipientId, out _);

    public IReadOnlyList<JsonElement> SentTo(Guid recipientId) =>
        _sent.Where(n => n.GetProperty("recipientId").GetGuid() == recipientId).ToList();

    public int AttemptsFor(Guid recipientId) => _attempts.Count(r => r == recipientId);

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
