using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneDay.Search.Suggestions;

public sealed class SuggestionKeyConfiguration : IEntityTypeConfiguration<SuggestionKey>
{
    public void Configure(EntityTypeBuilder<SuggestionKey> builder)
    {
        builder.ToTable("suggestion_keys");
        builder.HasKey(k => new { k.Key, k.Text });
        builder.Property(k => k.Key).HasMaxLength(200);
        builder.Property(k => k.Text).HasMaxLength(200);
        // text_pattern_ops: prefix LIKE 'q%' uses the index whatever the database collation.
        builder.HasIndex(k => k.Key).HasOperators("text_pattern_ops").HasDatabaseName("ix_suggestion_keys_prefix");
        builder.HasIndex(k => new { k.Text, k.Key }).HasOperators("text_ops", "text_pattern_ops").HasDatabaseName("ix_suggestion_keys_text");
    }
}
