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
using OneDay.Persistence;

namespace OneDay.Jobs.Data;

public sealed class JobsDbContext(DbContextOptions<JobsDbContext> options) : DbContext(options)
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

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Job>(job =>
        {
            job.ToTable("jobs");
            job.Property(j => j.Id).HasColumnName("id");
            job.Property(j => j.EmployerId).HasColumnName("employer_id");
            job.Property(j => j.Title).HasColumnName("title").HasMaxLength(100);
            job.Property(j => j.Description).HasColumnName("description").HasMaxLength(4000);
            job.Property(j => j.Category).HasColumnName("category").HasMaxLength(50);
            job.Property(j => j.WageKrw).HasColumnName("wage_krw");
            job.Property(j => j.WageUnit).HasColumnName("wage_unit").HasConversion<string>().HasMaxLength(10);
            job.Property(j => j.WorkDate).HasColumnName("work_date");
            job.Property(j => j.StartTime).HasColumnName("start_time");
            job.Property(j => j.EndTime).HasColumnName("end_time");
            job.Property(j => j.BreakMinutes).HasColumnName("break_minutes").HasDefaultValue(0);
            job.Property(j => j.StartsAt).HasColumnName("starts_at");
            job.Property(j => j.EndsAt).HasColumnName("ends_at");
            job.Property(j => j.Headcount).HasColumnName("headcount");
            job.Property(j => j.FilledCount).HasColumnName("filled_count");
            job.Property(j => j.Address).HasColumnName("address").HasMaxLength(300);
            job.Property(j => j.Latitude).HasColumnName("latitude");
            job.Property(j => j.Longitude).HasColumnName("longitude");
            job.Property(j => j.MatchingMode).HasColumnName("matching_mode").HasConversion<string>().HasMaxLength(10);
            job.Property(j => j.Status).HasColumnName("status").HasConversion<string>().HasMaxLength(10);
            job.Property(j => j.Version).HasColumnName("version").IsConcurrencyToken();
            job.Property(j => j.PostedAt).HasColumnName("posted_at");
            job.Property(j => j.UpdatedAt).HasColumnName("updated_at");
            // The database's own guard behind the row lock: a slot count can never pass the headcount.
            job.ToTable(t => t.HasCheckConstraint("ck_jobs_filled_within_headcount", "filled_count >= 0 AND filled_count <= headcount"));
            job.HasIndex(j => new { j.PostedAt, j.Id }).HasDatabaseName("ix_jobs_posted");
            job.HasIndex(j => j.EmployerId).HasDatabaseName("ix_jobs_employer");
        });
        modelBuilder.Entity<Application>(application =>
        {
            application.ToTable("applications");
            application.Property(a => a.Id).HasColumnName("id");
            application.Property(a => a.JobId).HasColumnName("job_id");
            application.Property(a => a.WorkerId).HasColumnName("worker_id");
            application.Property(a => a.EmployerId).HasColumnName("employer_id");
            application.Property(a => a.Status).HasColumnName("status").HasConversion<string>().HasMaxLength(10);
            application.Property(a => a.HoldsSlot).HasColumnName("holds_slot");
            application.Property(a => a.Reason).HasColumnName("reason").HasMaxLength(200);
            application.Property(a => a.MinutesWorked).HasColumnName("minutes_worked");
            application.Property(a => a.CancellationPayKrw).HasColumnName("cancellation_pay_krw").HasDefaultValue(0L);
            application.Property(a => a.CancellationPaidAt).HasColumnName("cancellation_paid_at");
            application.Property(a => a.AppliedAt).HasColumnName("applied_at");
            application.Property(a => a.UpdatedAt).HasColumnName("updated_at");
            application.HasOne<Job>().WithMany().HasForeignKey(a => a.JobId);
            // One application per worker per job.
            application.HasIndex(a => new { a.JobId, a.WorkerId }).IsUnique().HasDatabaseName("ux_applications_job_worker");
            application.HasIndex(a => new { a.WorkerId, a.AppliedAt }).HasDatabaseName("ix_applications_worker");
        });
        modelBuilder.Entity<AttendanceRecord>(attendance =>
        {
            attendance.ToTable("attendance");
            attendance.HasKey(a => a.ApplicationId);
            attendance.Property(a => a.ApplicationId).HasColumnName("application_id");
            attendance.Property(a => a.JobId).HasColumnName("job_id");
            attendance.Property(a => a.WorkerId).HasColumnName("worker_id");
            attendance.Property(a => a.CheckedInAt).HasColumnName("checked_in_at");
            attendance.Property(a => a.CheckInSource).HasColumnName("check_in_source").HasConversion<string>().HasMaxLength(10);
            attendance.Property(a => a.LateMinutes).HasColumnName("late_minutes");
            attendance.Property(a => a.CheckedOutAt).HasColumnName("checked_out_at");
            attendance.Property(a => a.CheckOutSource).HasColumnName("check_out_source").HasConversion<string>().HasMaxLength(10);
            attendance.Property(a => a.DisputeReason).HasColumnName("dispute_reason").HasMaxLength(500);
            attendance.Property(a => a.ShiftConfirmedAt).HasColumnName("shift_confirmed_at");
            attendance.Property(a => a.DisputedAt).HasColumnName("disputed_at");
            attendance.Property(a => a.UpdatedAt).HasColumnName("updated_at");
            attendance.HasOne<Application>().WithOne().HasForeignKey<AttendanceRecord>(a => a.ApplicationId);
            attendance.HasIndex(a => a.JobId).HasDatabaseName("ix_attendance_job");
        });
        modelBuilder.Entity<ReliabilityPoint>(point =>
        {
            point.ToTable("reliability_points");
            point.Property(p => p.Id).HasColumnName("id");
            point.Property(p => p.WorkerId).HasColumnName("worker_id");
            point.Property(p => p.ApplicationId).HasColumnName("application_id");
            point.Property(p => p.Reason).HasColumnName("reason").HasConversion<string>().HasMaxLength(20);
            point.Property(p => p.Points).HasColumnName("points");
            point.Property(p => p.At).HasColumnName("at");
            // One broken promise counts once, however often its transition is retried.
            point.HasIndex(p => new { p.ApplicationId, p.Reason }).IsUnique().HasDatabaseName("ux_reliability_points_application_reason");
            point.HasIndex(p => new { p.WorkerId, p.At }).HasDatabaseName("ix_reliability_points_worker");
        });
        modelBuilder.Entity<Rating>(rating =>
        {
            rating.ToTable("ratings", t => t.HasCheckConstraint("ck_ratings_stars", "stars BETWEEN 1 AND 5"));
            rating.HasKey(r => new { r.ApplicationId, r.RaterId });
            rating.Property(r => r.ApplicationId).HasColumnName("application_id");
            rating.Property(r => r.RaterId).HasColumnName("rater_id");
            rating.Property(r => r.RateeId).HasColumnName("ratee_id");
            rating.Property(r => r.Stars).HasColumnName("stars");
            rating.Property(r => r.Comment).HasColumnName("comment").HasMaxLength(500);
            rating.Property(r => r.GivenAt).HasColumnName("given_at");
            rating.Property(r => r.UpdatedAt).HasColumnName("updated_at");
            rating.HasIndex(r => r.RateeId).HasDatabaseName("ix_ratings_ratee");
        });
        modelBuilder.Entity<WorkerMark>(mark =>
        {
            mark.ToTable("worker_marks");
            mark.HasKey(m => new { m.EmployerId, m.WorkerId });
            mark.Property(m => m.EmployerId).HasColumnName("employer_id");
            mark.Property(m => m.WorkerId).HasColumnName("worker_id");
            mark.Property(m => m.Kind).HasColumnName("kind").HasConversion<string>().HasMaxLength(10);
            mark.Property(m => m.MarkedAt).HasColumnName("marked_at");
        });
        modelBuilder.Entity<LabourContract>(contract =>
        {
            contract.ToTable("labour_contracts");
            contract.Property(c => c.Id).HasColumnName("id");
            contract.Property(c => c.ApplicationId).HasColumnName("application_id");
            contract.Property(c => c.JobId).HasColumnName("job_id");
            contract.Property(c => c.EmployerId).HasColumnName("employer_id");
            contract.Property(c => c.WorkerId).HasColumnName("worker_id");
            contract.Property(c => c.Version).HasColumnName("version");
            contract.Property(c => c.Text).HasColumnName("text");
            contract.Property(c => c.DocumentSha256).HasColumnName("document_sha256").HasMaxLength(64);
            contract.Property(c => c.TermsSha256).HasColumnName("terms_sha256").HasMaxLength(64);
            contract.Property(c => c.DrawnAt).HasColumnName("drawn_at");
            contract.Property(c => c.SupersededAt).HasColumnName("superseded_at");
            contract.Ignore(c => c.IsSignedByBoth);
            contract.Ignore(c => c.Document);
            contract.HasOne<Application>().WithMany().HasForeignKey(c => c.ApplicationId);
            contract.HasMany(c => c.Signatures).WithOne().HasForeignKey(s => s.ContractId);
            contract.HasIndex(c => new { c.ApplicationId, c.Version }).IsUnique().HasDatabaseName("ux_labour_contracts_application_version");
            // One version in force per match.
            contract.HasIndex(c => c.ApplicationId).IsUnique().HasFilter("superseded_at IS NULL").HasDatabaseName("ux_labour_contracts_in_force");
        });
        modelBuilder.Entity<ContractSignature>(signature =>
        {
            signature.ToTable("labour_contract_signatures");
            // Each side signs a version once.
            signature.HasKey(s => new { s.ContractId, s.Party });
            signature.Property(s => s.ContractId).HasColumnName("contract_id");
            signature.Property(s => s.Party).HasColumnName("party").HasConversion<string>().HasMaxLength(10);
            signature.Property(s => s.AccountId).HasColumnName("account_id");
            signature.Property(s => s.DocumentSha256).HasColumnName("document_sha256").HasMaxLength(64);
            signature.Property(s => s.Consent).HasColumnName("consent").HasMaxLength(200);
            signature.Property(s => s.SignedAt).HasColumnName("signed_at");
        });
        modelBuilder.Entity<AccountName>(name =>
        {
            name.ToTable("account_names");
            name.HasKey(a => a.UserId);
            name.Property(a => a.UserId).HasColumnName("user_id");
            name.Property(a => a.DisplayName).HasColumnName("display_name").HasMaxLength(100);
            name.Property(a => a.UpdatedAt).HasColumnName("updated_at");
        });
        modelBuilder.Entity<Category>(category =>
        {
            category.ToTable("categories");
            category.Property(c => c.Id).HasColumnName("id").UseIdentityByDefaultColumn();
            category.Property(c => c.Name).HasColumnName("name").HasMaxLength(50);
            category.Property(c => c.SortOrder).HasColumnName("sort_order");
            category.HasIndex(c => c.Name).IsUnique();
            category.HasData(Category.Seed.Select((name, i) => new Category { Id = i + 1, Name = name, SortOrder = i + 1 }));
        });
        modelBuilder.AddOutboxAndInbox();
    }
}

/// <summary>For `dotnet ef migrations add`: the model without starting the app (which needs its sidecar).</summary>
public sealed class JobsDbContextFactory : IDesignTimeDbContextFactory<JobsDbContext>
{
    public JobsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<JobsDbContext>().UseNpgsql("Host=127.0.0.1;Database=oneday_jobs_design").Options);
}
