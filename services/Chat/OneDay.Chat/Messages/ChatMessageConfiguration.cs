using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneDay.Chat.Rooms;

namespace OneDay.Chat.Messages;

public sealed class ChatMessageConfiguration : IEntityTypeConfiguration<ChatMessage>
{
    public void Configure(EntityTypeBuilder<ChatMessage> builder)
    {
        builder.ToTable("messages");
        builder.Property(m => m.Text).HasMaxLength(MessageText.MaxLength);
        builder.HasOne<Room>().WithMany().HasForeignKey(m => m.RoomId);
        // History, last message, unread counts and cursors all read one room's range of this index.
        builder.HasIndex(m => new { m.RoomId, m.Id }).HasDatabaseName("ix_messages_room_id");
        builder.HasIndex(m => new { m.RoomId, m.SenderId, m.ClientMessageId }).IsUnique().HasDatabaseName("ux_messages_client_id");
    }
}
