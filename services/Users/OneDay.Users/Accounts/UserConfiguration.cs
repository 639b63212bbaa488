using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneDay.Users.Accounts;

public sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.ToTable("users");
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Email).HasMaxLength(254);
        builder.HasIndex(u => u.Email).IsUnique();
        builder.Property(u => u.Role).HasConversion<string>().HasMaxLength(20);
        builder.Property(u => u.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(u => u.PasswordHash).HasMaxLength(200);
        builder.Property(u => u.DisplayName).HasMaxLength(50);
        builder.Property(u => u.PhoneNumber).HasMaxLength(20);
        builder.Property(u => u.Bio).HasMaxLength(1000);
        builder.OwnsOne(u => u.Payout, payout =>
        {
            payout.Property(p => p.BankName).HasMaxLength(30);
            payout.Property(p => p.AccountNumber).HasMaxLength(20);
            payout.Property(p => p.AccountHolder).HasMaxLength(50);
        });
        builder.Ignore(u => u.IsEmailVerified);
    }
}
