using Microsoft.EntityFrameworkCore;
using OneDay.Testing;
using Microsoft.EntityFrameworkCore.Design;
using Xunit;

namespace OneDay.Testing;

/// <summary>
/// A service's EF Core model against its migrations, without a database: a mapping that changes the schema
/// without a migration (a renamed property under the snake_case convention, an index, a length) fails here
/// instead of on a database at deployment. Each service's tests derive one class from this.
/// </summary>
public abstract class ModelMatchesMigrationsTests<TFactory, TContext>
    where TFactory : IDesignTimeDbContextFactory<TContext>, new()
    where TContext : DbContext
{
    [Fact]
    public void The_model_has_no_change_that_its_migrations_lack()
    {
        using var db = new TFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(),
            $"{typeof(TContext).Name} differs from its migrations' snapshot: add a migration (dotnet ef migrations add), or undo the mapping change.");
    }
}
