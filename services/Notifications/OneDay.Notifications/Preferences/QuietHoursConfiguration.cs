using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneDay.Notifications.Preferences;

public sealed class QuietHoursConfiguration : IEntityTypeConfiguration<QuietHours>
{
    public void Configure(EntityTypeBuilder<QuietHours> builder)
    {
        builder.ToTable("quiet_hours");
        builder.HasKey(x => x.UserId);
    }
}
