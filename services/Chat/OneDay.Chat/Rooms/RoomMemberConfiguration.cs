using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneDay.Chat.Rooms;

public sealed class RoomMemberConfiguration : IEntityTypeConfiguration<RoomMember>
{
    public void Configure(EntityTypeBuilder<RoomMember> builder)
    {
        builder.ToTable("room_members");
        builder.HasKey(m => new { m.RoomId, m.UserId });
        builder.Property(m => m.Role).HasConversion<string>().HasMaxLength(10);
        builder.HasIndex(m => m.UserId).HasDatabaseName("ix_room_members_user");
    }
}
