using Microsoft.EntityFrameworkCore;
using OneDay.Contracts;
using OneDay.Persistence.Outbox;

namespace OneDay.Persistence.Inbox;

/// <summary>What an integration event handler works with: the event, the service's database (its changes
/// commit with the inbox record), an outbox for events it raises, and the request's services.</summary>
public sealed record IntegrationEventContext<TEvent, TContext>(
    TEvent Event,
    TContext Db,
    IntegrationEventOutbox<TContext> Outbox,
    IServiceProvider Services,
    CancellationToken CancellationToken)
    where TEvent : IntegrationEvent
    where TContext : DbContext
{
    private readonly List<Func<Task>> _afterCommit = [];

    /// <summary>
    /// Work that must see the handler's changes committed and must not happen if they roll back, such as telling
    /// other replicas to drop a user's connections from a room they no longer belong to. It runs once, after the
    /// commit; a failure is logged, not retried (the event is handled).
    /// </summary>
    public void AfterCommit(Func<Task> action) => _afterCommit.Add(action);

    internal IReadOnlyList<Func<Task>> AfterCommitActions => _afterCommit;
}
