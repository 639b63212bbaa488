using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneDay.Notifications.Devices;

public sealed class PushDeviceConfiguration : IEntityTypeConfiguration<PushDevice>
{
    public void Configure(EntityTypeBuilder<PushDevice> builder)
    {
        builder.ToTable("push_devices");
        builder.Property(x => x.Token).HasMaxLength(PushDevice.MaxTokenLength);
        builder.Property(x => x.Platform).HasConversion<string>().HasMaxLength(10);
        builder.HasIndex(x => x.Token).IsUnique().HasDatabaseName("ux_push_devices_token");
        builder.HasIndex(x => new { x.UserId, x.LastSeenAt }).HasDatabaseName("ix_push_devices_user_last_seen");
    }
}
