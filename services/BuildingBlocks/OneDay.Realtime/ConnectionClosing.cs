using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneDay.Contracts;
using OneDay.Persistence.Inbox;

namespace OneDay.Realtime;

public static class ConnectionClosing
{
    /// <summary>
    /// Once the handler's changes commit, closes every hub connection of the user on every replica: a suspended or
    /// deleted account keeps nothing open, though the token it connected with may not have expired yet.
    /// </summary>
    public static void CloseConnectionsOf<TEvent, TContext>(this IntegrationEventContext<TEvent, TContext> context, Guid userId)
        where TEvent : IntegrationEvent
        where TContext : DbContext
    {
        var connections = context.Services.GetRequiredService<UserConnections>();
        context.AfterCommit(() => connections.CloseAsync(userId));
    }
}
