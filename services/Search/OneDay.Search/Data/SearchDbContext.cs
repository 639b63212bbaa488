using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using OneDay.Persistence;
using OneDay.Search.Indexing;
using OneDay.Search.Suggestions;

namespace OneDay.Search.Data;

public sealed class SearchDbContext(DbContextOptions<SearchDbContext> options) : DbContext(options)
{
    public DbSet<JobDocument> Jobs => Set<JobDocument>();

    public DbSet<Suggestion> Suggestions => Set<Suggestion>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasPostgresExtension("postgis").HasPostgresExtension("pg_trgm");
        modelBuilder.Entity<JobDocument>(job =>
        {
            job.ToTable("job_documents");
            job.HasKey(j => j.JobId);
            job.Property(j => j.JobId).HasColumnName("job_id");
            job.Property(j => j.Version).HasColumnName("version");
            job.Property(j => j.EmployerId).HasColumnName("employer_id");
            job.Property(j => j.Title).HasColumnName("title").HasMaxLength(200);
            job.Property(j => j.Description).HasColumnName("description");
            job.Property(j => j.Category).HasColumnName("category").HasMaxLength(100);
            job.Property(j => j.WageKrw).HasColumnName("wage_krw");
            job.Property(j => j.WageUnit).HasColumnName("wage_unit").HasMaxLength(10).HasDefaultValue("Hourly");
            job.Property(j => j.Address).HasColumnName("address").HasMaxLength(300);
            job.Property(j => j.Location).HasColumnName("location").HasColumnType("geography (point, 4326)");
            job.Property(j => j.StartsAt).HasColumnName("starts_at");
            job.Property(j => j.EndsAt).HasColumnName("ends_at");
            job.Property(j => j.Headcount).HasColumnName("headcount");
            job.Property(j => j.FilledCount).HasColumnName("filled_count");
            job.Property(j => j.Status).HasColumnName("status").HasMaxLength(20);
            job.Property(j => j.PostedAt).HasColumnName("posted_at");
            job.Property(j => j.UpdatedAt).HasColumnName("updated_at");
            job.Property(j => j.Deleted).HasColumnName("deleted");
            job.Property(j => j.Terms).HasColumnName("terms");
            job.Property(j => j.TitleTerms).HasColumnName("title_terms");
            job.Property(j => j.TitleText).HasColumnName("title_text");
            job.Property(j => j.TitleJamo).HasColumnName("title_jamo");
            job.Property(j => j.TitleWords).HasColumnName("title_words").HasDefaultValueSql("'{}'::text[]");
            job.HasIndex(j => j.Terms).HasMethod("gin").HasDatabaseName("ix_job_documents_terms");
            job.HasIndex(j => j.TitleWords).HasMethod("gin").HasDatabaseName("ix_job_documents_title_words");
            job.HasIndex(j => j.Location).HasMethod("gist").HasDatabaseName("ix_job_documents_location");
            job.HasIndex(j => new { j.PostedAt, j.JobId }).HasDatabaseName("ix_job_documents_recent");
            job.HasIndex(j => new { j.WageKrw, j.JobId }).HasDatabaseName("ix_job_documents_wage");
        });
        modelBuilder.Entity<KnownWord>(word =>
        {
            word.ToTable("known_words");
            word.HasKey(w => w.Word);
            word.Property(w => w.Word).HasColumnName("word").HasMaxLength(200);
            word.Property(w => w.Jamo).HasColumnName("jamo").HasMaxLength(600);
            word.HasIndex(w => w.Jamo).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("ix_known_words_jamo");
        });
        modelBuilder.Entity<Suggestion>(suggestion =>
        {
            suggestion.ToTable("suggestions");
            suggestion.HasKey(s => s.Text);
            suggestion.Property(s => s.Text).HasColumnName("text").HasMaxLength(200);
            suggestion.Property(s => s.Jamo).HasColumnName("jamo").HasMaxLength(600);
            suggestion.Property(s => s.Weight).HasColumnName("weight");
            suggestion.Property(s => s.UpdatedAt).HasColumnName("updated_at");
            suggestion.HasIndex(s => s.Jamo).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("ix_suggestions_jamo");
            // The most used first: for a short prefix that thousands of suggestions start with, the planner
            // walks this in order and stops at ten (each checked on ix_suggestion_keys_text) instead of
            // collecting and sorting them all; a rarer prefix still goes through ix_suggestion_keys_prefix.
            suggestion.HasIndex(s => new { s.Weight, s.Text }).IsDescending(true, false).HasDatabaseName("ix_suggestions_weight");
        });
        modelBuilder.Entity<SuggestionKey>(key =>
        {
            key.ToTable("suggestion_keys");
            key.HasKey(k => new { k.Key, k.Text });
            key.Property(k => k.Key).HasColumnName("key").HasMaxLength(200);
            key.Property(k => k.Text).HasColumnName("text").HasMaxLength(200);
            // text_pattern_ops: prefix LIKE 'q%' uses the index whatever the database collation.
            key.HasIndex(k => k.Key).HasOperators("text_pattern_ops").HasDatabaseName("ix_suggestion_keys_prefix");
            key.HasIndex(k => new { k.Text, k.Key }).HasOperators("text_ops", "text_pattern_ops").HasDatabaseName("ix_suggestion_keys_text");
        });
        modelBuilder.AddOutboxAndInbox();
    }
}

/// <summary>For `dotnet ef migrations add`: the model without starting the app (which needs its sidecar).</summary>
public sealed class SearchDbContextFactory : IDesignTimeDbContextFactory<SearchDbContext>
{
    public SearchDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SearchDbContext>().UseNpgsql("Host=127.0.0.1;Database=oneday_search_design", o => o.UseNetTopologySuite()).Options);
}
