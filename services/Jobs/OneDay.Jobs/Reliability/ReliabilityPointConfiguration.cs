using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneDay.Jobs.Reliability;

public sealed class ReliabilityPointConfiguration : IEntityTypeConfiguration<ReliabilityPoint>
{
    public void Configure(EntityTypeBuilder<ReliabilityPoint> builder)
    {
        builder.ToTable("reliability_points");
        builder.Property(p => p.Reason).HasConversion<string>().HasMaxLength(20);
        // One broken promise counts once, however often its transition is retried.
        builder.HasIndex(p => new { p.ApplicationId, p.Reason }).IsUnique().HasDatabaseName("ux_reliability_points_application_reason");
        builder.HasIndex(p => new { p.WorkerId, p.At }).HasDatabaseName("ix_reliability_points_worker");
    }
}
