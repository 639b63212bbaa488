using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneDay.Payments.Ledger;

public sealed class JournalConfiguration : IEntityTypeConfiguration<Journal>
{
    public void Configure(EntityTypeBuilder<Journal> builder)
    {
        builder.ToTable("journals");
        builder.Property(j => j.Reference).HasMaxLength(200);
        builder.Property(j => j.Description).HasMaxLength(200);
        builder.HasIndex(j => j.Reference).IsUnique();
        builder.HasMany(j => j.Postings).WithOne().HasForeignKey(p => p.JournalId).OnDelete(DeleteBehavior.Restrict);
    }
}
