using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneDay.Payments.WagePayments;

public sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> builder)
    {
        builder.ToTable("payments");
        builder.Property(p => p.ProviderOrderId).HasMaxLength(64);
        builder.Property(p => p.ProviderPaymentKey).HasMaxLength(200);
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.FailureReason).HasMaxLength(500);
        builder.Ignore(p => p.Breakdown);
        builder.Ignore(p => p.AmountKrw);
        // One live payment per application: a failed or cancelled one may be retried with a new payment.
        builder.HasIndex(p => p.ApplicationId).IsUnique().HasFilter("status NOT IN ('Failed', 'Cancelled')");
        builder.HasIndex(p => new { p.EmployerId, p.Id });
        // Counted at every confirm (admission): only the few processing rows are in it.
        builder.HasIndex(p => p.Status).HasFilter("status = 'Processing'");
    }
}
