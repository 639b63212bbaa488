using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using OneDay.Persistence.Database;
using OneDay.SampleService.Accounts;

namespace OneDay.SampleService.Data;

public sealed class SampleDbContext(DbContextOptions<SampleDbContext> options) : ServiceDbContext(options)
{
    public DbSet<Account> Accounts => Set<Account>();

    public DbSet<Welcome> Welcomes => Set<Welcome>();
}

/// <summary>For `dotnet ef migrations add`: the model without starting the app (which needs its sidecar).</summary>
public sealed class SampleDbContextFactory : IDesignTimeDbContextFactory<SampleDbContext>
{
    public SampleDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SampleDbContext>().UseNpgsql("Host=127.0.0.1;Database=oneday_sample_design").Options);
}
