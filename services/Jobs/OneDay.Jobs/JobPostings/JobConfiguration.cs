using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneDay.Jobs.Categories;

namespace OneDay.Jobs.JobPostings;

public sealed class JobConfiguration : IEntityTypeConfiguration<Job>
{
    public void Configure(EntityTypeBuilder<Job> builder)
    {
        builder.ToTable("jobs");
        builder.Property(j => j.Title).HasMaxLength(100);
        builder.Property(j => j.Description).HasMaxLength(4000);
        builder.Property(j => j.Category).HasMaxLength(50);
        builder.Property(j => j.WageUnit).HasConversion<string>().HasMaxLength(10);
        builder.Property(j => j.BreakMinutes).HasDefaultValue(0);
        builder.Property(j => j.Address).HasMaxLength(300);
        builder.Property(j => j.MatchingMode).HasConversion<string>().HasMaxLength(10);
        builder.Property(j => j.Status).HasConversion<string>().HasMaxLength(10);
        builder.Property(j => j.Version).IsConcurrencyToken();
        // The database's own guard behind the row lock: a slot count can never pass the headcount.
        builder.ToTable(t => t.HasCheckConstraint("ck_jobs_filled_within_headcount", "filled_count >= 0 AND filled_count <= headcount"));
        builder.HasIndex(j => new { j.PostedAt, j.Id }).HasDatabaseName("ix_jobs_posted");
        builder.HasIndex(j => j.EmployerId).HasDatabaseName("ix_jobs_employer");
    }
}
