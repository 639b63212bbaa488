using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneDay.Jobs.Reliability;

public sealed class WorkerMarkConfiguration : IEntityTypeConfiguration<WorkerMark>
{
    public void Configure(EntityTypeBuilder<WorkerMark> builder)
    {
        builder.ToTable("worker_marks");
        builder.HasKey(m => new { m.EmployerId, m.WorkerId });
        builder.Property(m => m.Kind).HasConversion<string>().HasMaxLength(10);
    }
}
