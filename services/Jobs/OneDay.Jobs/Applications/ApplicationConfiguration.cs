using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneDay.Jobs.JobPostings;

namespace OneDay.Jobs.Applications;

public sealed class ApplicationConfiguration : IEntityTypeConfiguration<Application>
{
    public void Configure(EntityTypeBuilder<Application> builder)
    {
        builder.ToTable("applications");
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(10);
        builder.Property(a => a.Reason).HasMaxLength(200);
        builder.Property(a => a.CancellationPayKrw).HasDefaultValue(0L);
        builder.HasOne<Job>().WithMany().HasForeignKey(a => a.JobId);
        // One application per worker per job.
        builder.HasIndex(a => new { a.JobId, a.WorkerId }).IsUnique().HasDatabaseName("ux_applications_job_worker");
        builder.HasIndex(a => new { a.WorkerId, a.AppliedAt }).HasDatabaseName("ix_applications_worker");
    }
}
