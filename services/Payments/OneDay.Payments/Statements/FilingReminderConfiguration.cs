using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneDay.Payments.Statements;

public sealed class FilingReminderConfiguration : IEntityTypeConfiguration<FilingReminder>
{
    public void Configure(EntityTypeBuilder<FilingReminder> builder)
    {
        builder.ToTable("filing_reminders");
        builder.HasKey(r => new { r.EmployerId, r.Filing, r.Month });
        builder.Property(r => r.Filing).HasMaxLength(40);
        builder.Property(r => r.Month).HasMaxLength(7);
        builder.HasIndex(r => r.Month);
    }
}
