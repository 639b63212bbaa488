using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneDay.Payments.ResidentNumbers;

public sealed class WorkerTaxIdentityConfiguration : IEntityTypeConfiguration<WorkerTaxIdentity>
{
    public void Configure(EntityTypeBuilder<WorkerTaxIdentity> builder)
    {
        builder.ToTable("worker_tax_identities");
        builder.HasKey(i => i.WorkerId);
        builder.Property(i => i.WorkerId).ValueGeneratedNever();
        builder.Property(i => i.LegalName).HasMaxLength(50);
        // AES-GCM output only (ResidentNumberCipher): the digits are never a column.
    }
}
