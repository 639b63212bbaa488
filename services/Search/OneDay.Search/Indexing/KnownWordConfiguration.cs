using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneDay.Search.Indexing;

public sealed class KnownWordConfiguration : IEntityTypeConfiguration<KnownWord>
{
    public void Configure(EntityTypeBuilder<KnownWord> builder)
    {
        builder.ToTable("known_words");
        builder.HasKey(w => w.Word);
        builder.Property(w => w.Word).HasMaxLength(200);
        builder.Property(w => w.Jamo).HasMaxLength(600);
        builder.HasIndex(w => w.Jamo).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("ix_known_words_jamo");
    }
}
