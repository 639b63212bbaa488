using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneDay.Notifications.Preferences;

public sealed class QuietHoursConfiguration : IEntityTypeConfiguration<QuietHours>
{
    public void Configure(EntityTypeBuilder<QuietHours> builder)
    {
        builder.ToTable("quiet_hours");
        builder.HasKey(x => x.UserId);
        // Named here, not by the convention: END is a reserved word in SQL, and the columns were named so.
        builder.Property(x => x.Start).HasColumnName("start_time");
        builder.Property(x => x.End).HasColumnName("end_time");
    }
}
