using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OneDay.ServiceDefaults.Security;
using StackExchange.Redis;

namespace OneDay.Realtime;

/// <summary>What a <see cref="UserConnections"/> signal does to each connection of its user on a replica.</summary>
public interface IUserConnectionSignal
{
    string Name { get; }

    Task ApplyAsync(HubCallerContext connection, string argument);
}

/// <summary>
/// This replica's hub connections by user (a hub filter sees each arrive and leave), and a Redis channel that
/// reaches every replica's: an event is handled on one replica (competing consumers), yet the user's connections
/// may be held by any. <see cref="CloseAsync"/> ends them all (suspension, deletion); services add signals of
/// their own (<see cref="IUserConnectionSignal"/>). Like the SignalR backplane, the channel is Redis pub/sub: a
/// replica cut off from Redis at that moment misses the signal.
/// </summary>
public sealed class UserConnections(IConnectionMultiplexer redis, RedisChannel channel, IEnumerable<IUserConnectionSignal> signals, ILogger<UserConnections> logger)
    : IHubFilter, IHostedService
{
    private const string CloseSignal = "close";

    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<string, HubCallerContext>> _byUser = new();
    private readonly Dictionary<string, IUserConnectionSignal> _signals = signals.ToDictionary(s => s.Name, StringComparer.Ordinal);

    /// <summary>Closes every connection of the user, on every replica.</summary>
    public Task CloseAsync(Guid userId) => SignalAsync(userId, CloseSignal);

    /// <summary>Runs the named signal on every connection of the user, on every replica (this one included).</summary>
    public async Task SignalAsync(Guid userId, string signal, string argument = "") =>
        await redis.GetSubscriber().PublishAsync(channel, $"{signal}|{userId:N}|{argument}").ConfigureAwait(false);

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        if (context.Context.User?.UserId() is { } userId)
        {
            _byUser.GetOrAdd(userId, _ => new ConcurrentDictionary<string, HubCallerContext>())[context.Context.ConnectionId] = context.Context;
        }
        await next(context).ConfigureAwait(false);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        if (context.Context.User?.UserId() is { } userId && _byUser.TryGetValue(userId, out var connections))
        {
            connections.TryRemove(context.Context.ConnectionId, out _);
            if (connections.IsEmpty) _byUser.TryRemove(new KeyValuePair<Guid, ConcurrentDictionary<string, HubCallerContext>>(userId, connections));
        }
        await next(context, exception).ConfigureAwait(false);
    }

    public async Task StartAsync(CancellationToken cancellationToken) =>
        await redis.GetSubscriber().SubscribeAsync(channel, (_, message) => ReceiveInBackground(message.ToString())).ConfigureAwait(false);

    public async Task StopAsync(CancellationToken cancellationToken) =>
        await redis.GetSubscriber().UnsubscribeAsync(channel).ConfigureAwait(false);

    /// <summary>The subscriber's callback must not block Redis's reader; each signal runs on its own.</summary>
    private void ReceiveInBackground(string message) => _ = ReceiveAsync(message);

    private async Task ReceiveAsync(string message)
    {
        var parts = message.Split('|', 3);
        if (parts.Length != 3 || !Guid.TryParseExact(parts[1], "N", out var userId) || !_byUser.TryGetValue(userId, out var connections)) return;
        foreach (var connection in connections.Values)
        {
            try
            {
                if (parts[0] == CloseSignal) connection.Abort();
                else if (_signals.TryGetValue(parts[0], out var signal)) await signal.ApplyAsync(connection, parts[2]).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "signal {Signal} failed on connection {ConnectionId}", parts[0], connection.ConnectionId);
            }
        }
    }
}
