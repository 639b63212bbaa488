using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Migrations.Internal;

namespace OneDay.Persistence.Database;

// Npgsql's history repository is public but lives in its Internal namespace; deriving from it is how EF Core
// documents customising the history table (ConfigureTable), so the internal-API warning is accepted here only.
#pragma warning disable EF1001

/// <summary>
/// The migrations history table as every database has it ("MigrationId", "ProductVersion"): the snake_case
/// naming convention renames the history table's columns too, and an existing database would then fail to
/// start with `column "migration_id" does not exist` (docs/database-naming.md).
/// </summary>
internal sealed class KeepHistoryTableColumns(HistoryRepositoryDependencies dependencies) : NpgsqlHistoryRepository(dependencies)
{
    protected override void ConfigureTable(EntityTypeBuilder<HistoryRow> history)
    {
        base.ConfigureTable(history);
        history.Property(row => row.MigrationId).HasColumnName("MigrationId");
        history.Property(row => row.ProductVersion).HasColumnName("ProductVersion");
    }
}
#pragma warning restore EF1001
