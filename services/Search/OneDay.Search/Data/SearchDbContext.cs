using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using OneDay.Persistence.Database;
using OneDay.Search.Indexing;
using OneDay.Search.Suggestions;

namespace OneDay.Search.Data;

public sealed class SearchDbContext(DbContextOptions<SearchDbContext> options) : ServiceDbContext(options)
{
    public DbSet<JobDocument> Jobs => Set<JobDocument>();

    public DbSet<Suggestion> Suggestions => Set<Suggestion>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.HasPostgresExtension("postgis").HasPostgresExtension("pg_trgm");
    }
}

/// <summary>For `dotnet ef migrations add`: the model without starting the app (which needs its sidecar).</summary>
public sealed class SearchDbContextFactory : IDesignTimeDbContextFactory<SearchDbContext>
{
    public SearchDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SearchDbContext>().UseNpgsql("Host=127.0.0.1;Database=oneday_search_design", o => o.UseNetTopologySuite()).Options);
}
