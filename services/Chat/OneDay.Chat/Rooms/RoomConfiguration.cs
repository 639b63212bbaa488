using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneDay.Chat.Rooms;

public sealed class RoomConfiguration : IEntityTypeConfiguration<Room>
{
    public void Configure(EntityTypeBuilder<Room> builder)
    {
        builder.ToTable("rooms");
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(10);
        builder.Property(r => r.Title).HasMaxLength(200);
        builder.HasMany(r => r.Members).WithOne().HasForeignKey(m => m.RoomId);
        // One direct room per match and one group room per job, however often job-matched arrives.
        builder.HasIndex(r => r.ApplicationId).IsUnique().HasFilter("application_id IS NOT NULL").HasDatabaseName("ux_rooms_application");
        builder.HasIndex(r => r.JobId).IsUnique().HasFilter("kind = 'Group'").HasDatabaseName("ux_rooms_job_group");
    }
}
