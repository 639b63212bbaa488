using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneDay.Payments.Ledger;

public sealed class PostingConfiguration : IEntityTypeConfiguration<Posting>
{
    public void Configure(EntityTypeBuilder<Posting> builder)
    {
        builder.ToTable("postings", t => t.HasCheckConstraint("ck_postings_amount_not_zero", "amount_krw <> 0"));
        builder.Property(p => p.Id).UseIdentityAlwaysColumn();
        builder.HasOne<LedgerAccount>().WithMany().HasForeignKey(p => p.AccountId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => new { p.AccountId, p.Id });
    }
}
