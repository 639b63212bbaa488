using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneDay.Search.Indexing;

public sealed class JobDocumentConfiguration : IEntityTypeConfiguration<JobDocument>
{
    public void Configure(EntityTypeBuilder<JobDocument> builder)
    {
        builder.ToTable("job_documents");
        builder.HasKey(j => j.JobId);
        builder.Property(j => j.Title).HasMaxLength(200);
        builder.Property(j => j.Category).HasMaxLength(100);
        builder.Property(j => j.WageUnit).HasMaxLength(10).HasDefaultValue("Hourly");
        builder.Property(j => j.Address).HasMaxLength(300);
        builder.Property(j => j.Location).HasColumnType("geography (point, 4326)");
        builder.Property(j => j.Status).HasMaxLength(20);
        builder.Property(j => j.TitleWords).HasDefaultValueSql("'{}'::text[]");
        builder.HasIndex(j => j.Terms).HasMethod("gin").HasDatabaseName("ix_job_documents_terms");
        builder.HasIndex(j => j.TitleWords).HasMethod("gin").HasDatabaseName("ix_job_documents_title_words");
        builder.HasIndex(j => j.Location).HasMethod("gist").HasDatabaseName("ix_job_documents_location");
        builder.HasIndex(j => new { j.PostedAt, j.JobId }).HasDatabaseName("ix_job_documents_recent");
        builder.HasIndex(j => new { j.WageKrw, j.JobId }).HasDatabaseName("ix_job_documents_wage");
    }
}
