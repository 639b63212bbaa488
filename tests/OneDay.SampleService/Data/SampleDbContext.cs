using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using OneDay.Persistence;
using OneDay.SampleService.Accounts;

namespace OneDay.SampleService.Data;

public sealed class SampleDbContext(DbContextOptions<SampleDbContext> options) : DbContext(options)
{
    public DbSet<Account> Accounts => Set<Account>();

    public DbSet<Welcome> Welcomes => Set<Welcome>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Account>(account =>
        {
            account.ToTable("accounts");
            account.Property(a => a.Id).HasColumnName("id");
            account.Property(a => a.Email).HasColumnName("email").HasMaxLength(200);
            account.Property(a => a.DisplayName).HasColumnName("display_name").HasMaxLength(50);
            account.Property(a => a.CreatedAt).HasColumnName("created_at");
        });
        modelBuilder.Entity<Welcome>(welcome =>
        {
            welcome.ToTable("welcomes");
            welcome.Property(w => w.Id).HasColumnName("id");
            welcome.Property(w => w.UserId).HasColumnName("user_id");
            welcome.Property(w => w.EventId).HasColumnName("event_id");
            welcome.Property(w => w.WelcomedAt).HasColumnName("welcomed_at");
        });
        modelBuilder.AddOutboxAndInbox();
    }
}

/// <summary>For `dotnet ef migrations add`: the model without starting the app (which needs its sidecar).</summary>
public sealed class SampleDbContextFactory : IDesignTimeDbContextFactory<SampleDbContext>
{
    public SampleDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SampleDbContext>().UseNpgsql("Host=127.0.0.1;Database=oneday_sample_design").Options);
}
