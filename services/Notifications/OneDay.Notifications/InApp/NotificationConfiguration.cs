using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneDay.Notifications.InApp;

public sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable("notifications");
        builder.Property(x => x.Kind).HasConversion<string>().HasMaxLength(40);
        builder.Property(x => x.Title).HasMaxLength(200);
        builder.Property(x => x.Body).HasMaxLength(2000);
        builder.Property(x => x.Link).HasMaxLength(500);
        builder.Ignore(x => x.IsRead);
        builder.HasIndex(x => new { x.UserId, x.CreatedAt, x.Id }).IsDescending(false, true, true).HasDatabaseName("ix_notifications_user_newest");
        builder.HasIndex(x => x.UserId).HasFilter("read_at IS NULL").HasDatabaseName("ix_notifications_unread");
        builder.HasIndex(x => x.CreatedAt).HasFilter("pushed_at IS NULL").HasDatabaseName("ix_notifications_unpushed");
    }
}
