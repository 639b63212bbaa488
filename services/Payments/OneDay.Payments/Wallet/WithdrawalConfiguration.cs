using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneDay.Payments.Wallet;

public sealed class WithdrawalConfiguration : IEntityTypeConfiguration<Withdrawal>
{
    public void Configure(EntityTypeBuilder<Withdrawal> builder)
    {
        builder.ToTable("withdrawals", t => t.HasCheckConstraint("ck_withdrawals_amount_positive", "amount_krw > 0"));
        builder.Property(w => w.BankName).HasMaxLength(30);
        builder.Property(w => w.AccountNumber).HasMaxLength(20);
        builder.Property(w => w.AccountHolder).HasMaxLength(50);
        builder.Property(w => w.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(w => w.FailureReason).HasMaxLength(500);
        builder.HasIndex(w => new { w.WorkerId, w.Id });
    }
}
