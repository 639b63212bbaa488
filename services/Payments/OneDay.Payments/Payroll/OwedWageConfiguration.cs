using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneDay.Payments.Payroll;

public sealed class OwedWageConfiguration : IEntityTypeConfiguration<OwedWage>
{
    public void Configure(EntityTypeBuilder<OwedWage> builder)
    {
        builder.ToTable("payable_assignments");
        builder.HasKey(a => a.ApplicationId);
        builder.Property(a => a.ApplicationId).ValueGeneratedNever();
        // Rows recorded before the wage basis was carried hold the amount owed, which reads as a daily wage.
        builder.Property(a => a.WageUnit).HasMaxLength(10).HasDefaultValue(OwedWage.Daily);
        builder.Property(a => a.MinutesWorked).HasDefaultValue(0);
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(20).HasDefaultValue(PayableKind.Work);
        builder.Property(a => a.OwesOvertimePremium).HasDefaultValue(true);
    }
}
