using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneDay.Payments.Ledger;

public sealed class LedgerAccountConfiguration : IEntityTypeConfiguration<LedgerAccount>
{
    public void Configure(EntityTypeBuilder<LedgerAccount> builder)
    {
        builder.ToTable("ledger_accounts");
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(40);
        builder.HasIndex(a => new { a.Kind, a.OwnerId }).IsUnique().AreNullsDistinct(false);
    }
}
