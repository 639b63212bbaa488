using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneDay.Persistence.Outbox;

public sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("outbox_messages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).UseIdentityAlwaysColumn();
        builder.Property(m => m.Topic).HasMaxLength(200);
        builder.Property(m => m.EventType).HasMaxLength(200);
        builder.Property(m => m.Payload).HasColumnType("jsonb");
        builder.Property(m => m.TraceParent).HasMaxLength(64);
        builder.Property(m => m.TraceState).HasMaxLength(512);
        builder.Property(m => m.LastError).HasMaxLength(2000);
        builder.HasIndex(m => m.EventId).IsUnique();
        // The dispatcher's query: unsent rows in order, due now.
        builder.HasIndex(m => new { m.NextAttemptAt, m.Id }).HasFilter("sent_at IS NULL").HasDatabaseName("ix_outbox_messages_pending");
        // The retention sweep's query: published rows, oldest first.
        builder.HasIndex(m => m.SentAt).HasFilter("sent_at IS NOT NULL").HasDatabaseName("ix_outbox_messages_sent");
    }
}
