using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneDay.Jobs.Applications;

namespace OneDay.Jobs.Attendance;

public sealed class AttendanceRecordConfiguration : IEntityTypeConfiguration<AttendanceRecord>
{
    public void Configure(EntityTypeBuilder<AttendanceRecord> builder)
    {
        builder.ToTable("attendance");
        builder.HasKey(a => a.ApplicationId);
        builder.Property(a => a.CheckInSource).HasConversion<string>().HasMaxLength(10);
        builder.Property(a => a.CheckOutSource).HasConversion<string>().HasMaxLength(10);
        builder.Property(a => a.DisputeReason).HasMaxLength(500);
        builder.HasOne<Application>().WithOne().HasForeignKey<AttendanceRecord>(a => a.ApplicationId);
        builder.HasIndex(a => a.JobId).HasDatabaseName("ix_attendance_job");
    }
}
