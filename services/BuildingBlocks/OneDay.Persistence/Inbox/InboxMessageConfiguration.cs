using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneDay.Persistence.Inbox;

public sealed class InboxMessageConfiguration : IEntityTypeConfiguration<InboxMessage>
{
    public void Configure(EntityTypeBuilder<InboxMessage> builder)
    {
        builder.ToTable("inbox_messages");
        builder.HasKey(m => new { m.EventId, m.Consumer });
        builder.Property(m => m.Consumer).HasMaxLength(200);
        builder.Property(m => m.Topic).HasMaxLength(200);
        // The retention sweep's query: handled ids, oldest first.
        builder.HasIndex(m => m.HandledAt).HasDatabaseName("ix_inbox_messages_handled");
    }
}
