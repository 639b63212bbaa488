using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneDay.Notifications.Preferences;

public sealed class ChannelPreferenceConfiguration : IEntityTypeConfiguration<ChannelPreference>
{
    public void Configure(EntityTypeBuilder<ChannelPreference> builder)
    {
        builder.ToTable("channel_preferences");
        builder.HasKey(x => new { x.UserId, x.Kind, x.Channel });
        builder.Property(x => x.Kind).HasConversion<string>().HasMaxLength(40);
        builder.Property(x => x.Channel).HasConversion<string>().HasMaxLength(10);
    }
}
