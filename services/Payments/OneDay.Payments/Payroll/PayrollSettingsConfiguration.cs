using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneDay.Payments.Payroll;

public sealed class PayrollSettingsConfiguration : IEntityTypeConfiguration<PayrollSettings>
{
    public void Configure(EntityTypeBuilder<PayrollSettings> builder)
    {
        builder.ToTable("payroll_settings");
        builder.HasKey(s => s.EmployerId);
        builder.Property(s => s.EmployerId).ValueGeneratedNever();
    }
}
