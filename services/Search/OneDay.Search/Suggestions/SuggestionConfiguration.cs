using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneDay.Search.Suggestions;

public sealed class SuggestionConfiguration : IEntityTypeConfiguration<Suggestion>
{
    public void Configure(EntityTypeBuilder<Suggestion> builder)
    {
        builder.ToTable("suggestions");
        builder.HasKey(s => s.Text);
        builder.Property(s => s.Text).HasMaxLength(200);
        builder.Property(s => s.Jamo).HasMaxLength(600);
        builder.HasIndex(s => s.Jamo).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("ix_suggestions_jamo");
        // The most used first: for a short prefix that thousands of suggestions start with, the planner
        // walks this in order and stops at ten (each checked on ix_suggestion_keys_text) instead of
        // collecting and sorting them all; a rarer prefix still goes through ix_suggestion_keys_prefix.
        builder.HasIndex(s => new { s.Weight, s.Text }).IsDescending(true, false).HasDatabaseName("ix_suggestions_weight");
    }
}
