using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneDay.Users.Accounts;

namespace OneDay.Users.AccountMessaging;

public sealed class PendingNotificationConfiguration : IEntityTypeConfiguration<PendingNotification>
{
    public void Configure(EntityTypeBuilder<PendingNotification> builder)
    {
        builder.ToTable("pending_notifications");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Purpose).HasConversion<string>().HasMaxLength(30);
        builder.Property(p => p.LastError).HasMaxLength(2000);
        builder.HasIndex(p => p.NextAttemptAt);
        builder.HasOne<User>().WithMany().HasForeignKey(p => p.UserId);
    }
}
