using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneDay.Jobs.LabourContracts;

public sealed class ContractSignatureConfiguration : IEntityTypeConfiguration<ContractSignature>
{
    public void Configure(EntityTypeBuilder<ContractSignature> builder)
    {
        builder.ToTable("labour_contract_signatures");
        // Each side signs a version once.
        builder.HasKey(s => new { s.ContractId, s.Party });
        builder.Property(s => s.Party).HasConversion<string>().HasMaxLength(10);
        builder.Property(s => s.DocumentSha256).HasMaxLength(64);
        builder.Property(s => s.Consent).HasMaxLength(200);
    }
}
