using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace OneDay.EndToEnd.Tests.Infrastructure;

/// <summary>Everything a hub connection received on the given events, to wait for what a user would see appear.</summary>
public sealed class HubInbox
{
    private readonly List<(string Event, JsonElement Payload)> _received = [];

    public HubInbox(HubConnection hub, params string[] events)
    {
        foreach (var name in events)
        {
            hub.On<JsonElement>(name, payload =>
            {
                lock (_received) _received.Add((name, payload));
            });
        }
    }

    public IReadOnlyList<JsonElement> Received(string name)
    {
        lock (_received) return _received.Where(r => r.Event == name).Select(r => r.Payload).ToList();
    }

    public async Task<JsonElement> WaitForAsync(string name, Func<JsonElement, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var found = Received(name).Where(match).ToList();
            if (found.Count > 0) return found[0];
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"no matching '{name}' arrived; received: {string.Join(", ", Received(name).Select(p => p.GetRawText()))}");
            }
            await Task.Delay(25);
        }
    }

    /// <summary>A notification of <paramref name="kind"/> (the hub's "notification" event).</summary>
    public Task<JsonElement> NotificationAsync(string kind, TimeSpan? timeout = null) =>
        WaitForAsync("notification", n => n.GetProperty("kind").GetString() == kind, timeout);
}
