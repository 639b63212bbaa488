using Microsoft.EntityFrameworkCore;

namespace OneDay.Persistence.Outbox;

/// <summary>
/// The connection string the outbox dispatcher LISTENs with: the configured one, password included. What EF
/// Core reports back (its data source's connection string) has the password removed, so it cannot log in.
/// </summary>
public sealed record OutboxListenerConnection<TContext>(string ConnectionString)
    where TContext : DbContext;
