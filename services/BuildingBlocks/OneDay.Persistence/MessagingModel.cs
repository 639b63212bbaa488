using Microsoft.EntityFrameworkCore;
using OneDay.Persistence.Inbox;
using OneDay.Persistence.Outbox;

namespace OneDay.Persistence;

public static class MessagingModel
{
    /// <summary>Adds the outbox and inbox tables to a service's model (call from OnModelCreating).</summary>
    public static ModelBuilder AddOutboxAndInbox(this ModelBuilder model)
    {
        model.Entity<OutboxMessage>(outbox =>
        {
            outbox.ToTable("outbox_messages");
            outbox.HasKey(m => m.Id);
            outbox.Property(m => m.Id).HasColumnName("id").UseIdentityAlwaysColumn();
            outbox.Property(m => m.EventId).HasColumnName("event_id");
            outbox.Property(m => m.Topic).HasColumnName("topic").HasMaxLength(200);
            outbox.Property(m => m.EventType).HasColumnName("event_type").HasMaxLength(200);
            outbox.Property(m => m.Payload).HasColumnName("payload").HasColumnType("jsonb");
            outbox.Property(m => m.TraceParent).HasColumnName("trace_parent").HasMaxLength(64);
            outbox.Property(m => m.TraceState).HasColumnName("trace_state").HasMaxLength(512);
            outbox.Property(m => m.CreatedAt).HasColumnName("created_at");
            outbox.Property(m => m.NextAttemptAt).HasColumnName("next_attempt_at");
            outbox.Property(m => m.Attempts).HasColumnName("attempts");
            outbox.Property(m => m.LastError).HasColumnName("last_error").HasMaxLength(2000);
            outbox.Property(m => m.SentAt).HasColumnName("sent_at");
            outbox.HasIndex(m => m.EventId).IsUnique();
            // The dispatcher's query: unsent rows in order, due now.
            outbox.HasIndex(m => new { m.NextAttemptAt, m.Id }).HasFilter("sent_at IS NULL").HasDatabaseName("ix_outbox_messages_pending");
            // The retention sweep's query: published rows, oldest first.
            outbox.HasIndex(m => m.SentAt).HasFilter("sent_at IS NOT NULL").HasDatabaseName("ix_outbox_messages_sent");
        });
        model.Entity<InboxMessage>(inbox =>
        {
            inbox.ToTable("inbox_messages");
            inbox.HasKey(m => new { m.EventId, m.Consumer });
            inbox.Property(m => m.EventId).HasColumnName("event_id");
            inbox.Property(m => m.Consumer).HasColumnName("consumer").HasMaxLength(200);
            inbox.Property(m => m.Topic).HasColumnName("topic").HasMaxLength(200);
            inbox.Property(m => m.HandledAt).HasColumnName("handled_at");
            // The retention sweep's query: handled ids, oldest first.
            inbox.HasIndex(m => m.HandledAt).HasDatabaseName("ix_inbox_messages_handled");
        });
        return model;
    }
}
