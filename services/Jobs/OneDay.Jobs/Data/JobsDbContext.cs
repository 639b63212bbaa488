using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using OneDay.Jobs.Accounts;
using OneDay.Jobs.Applications;
using OneDay.Jobs.Attendance;
using OneDay.Jobs.Categories;
using OneDay.Jobs.JobPostings;
using OneDay.Jobs.LabourContracts;
using OneDay.Jobs.Ratings;
using OneDay.Jobs.Reliability;
using OneDay.Persistence.Database;

namespace OneDay.Jobs.Data;

public sealed class JobsDbContext(DbContextOptions<JobsDbContext> options) : ServiceDbContext(options)
{
    public DbSet<Job> Jobs => Set<Job>();

    public DbSet<Application> Applications => Set<Application>();

    public DbSet<Category> Categories => Set<Category>();

    public DbSet<AttendanceRecord> Attendance => Set<AttendanceRecord>();

    public DbSet<ReliabilityPoint> ReliabilityPoints => Set<ReliabilityPoint>();

    public DbSet<Rating> Ratings => Set<Rating>();

    public DbSet<WorkerMark> WorkerMarks => Set<WorkerMark>();

    public DbSet<LabourContract> LabourContracts => Set<LabourContract>();

    public DbSet<AccountName> AccountNames => Set<AccountName>();
}

/// <summary>For `dotnet ef migrations add`: the model without starting the app (which needs its sidecar).</summary>
public sealed class JobsDbContextFactory : IDesignTimeDbContextFactory<JobsDbContext>
{
    public JobsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<JobsDbContext>().UseNpgsql("Host=127.0.0.1;Database=oneday_jobs_design").Options);
}
