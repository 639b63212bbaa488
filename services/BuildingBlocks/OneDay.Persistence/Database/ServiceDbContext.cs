using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using OneDay.Persistence.Inbox;
using OneDay.Persistence.Outbox;

namespace OneDay.Persistence.Database;

/// <summary>
/// The base of every service's DbContext, so each maps its tables alike: column names in snake_case from
/// the properties' names (EFCore.NamingConventions) while keys, foreign keys and indexes keep the names the
/// databases were created with (<see cref="KeepDefaultConstraintNamesConvention"/>); each entity's
/// configuration is an <see cref="IEntityTypeConfiguration{TEntity}"/> beside the entity in the service's
/// assembly; and the outbox and inbox tables are part of every model.
/// </summary>
public abstract class ServiceDbContext(DbContextOptions options) : DbContext(options)
{
    // Here rather than where the options are built, so the app, `dotnet ef` and tests all get one model.
    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
        optionsBuilder.UseSnakeCaseNamingConvention().ReplaceService<IHistoryRepository, KeepHistoryTableColumns>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.Conventions.Add(_ => new KeepDefaultConstraintNamesConvention());

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(GetType().Assembly);
        modelBuilder.ApplyConfiguration(new OutboxMessageConfiguration());
        modelBuilder.ApplyConfiguration(new InboxMessageConfiguration());
    }
}
