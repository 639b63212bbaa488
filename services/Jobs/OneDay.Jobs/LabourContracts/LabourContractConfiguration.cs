using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneDay.Jobs.Applications;

namespace OneDay.Jobs.LabourContracts;

public sealed class LabourContractConfiguration : IEntityTypeConfiguration<LabourContract>
{
    public void Configure(EntityTypeBuilder<LabourContract> builder)
    {
        builder.ToTable("labour_contracts");
        builder.Property(c => c.DocumentSha256).HasMaxLength(64);
        builder.Property(c => c.TermsSha256).HasMaxLength(64);
        builder.Ignore(c => c.IsSignedByBoth);
        builder.Ignore(c => c.Document);
        builder.HasOne<Application>().WithMany().HasForeignKey(c => c.ApplicationId);
        builder.HasMany(c => c.Signatures).WithOne().HasForeignKey(s => s.ContractId);
        builder.HasIndex(c => new { c.ApplicationId, c.Version }).IsUnique().HasDatabaseName("ux_labour_contracts_application_version");
        // One version in force per match.
        builder.HasIndex(c => c.ApplicationId).IsUnique().HasFilter("superseded_at IS NULL").HasDatabaseName("ux_labour_contracts_in_force");
    }
}
