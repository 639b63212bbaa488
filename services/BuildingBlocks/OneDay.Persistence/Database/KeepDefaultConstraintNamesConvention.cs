using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;

namespace OneDay.Persistence.Database;

/// <summary>
/// Gives keys, foreign keys and indexes that have no name of their own EF Core's default names again
/// (PK_rooms, FK_messages_rooms_room_id, IX_users_email): the snake_case convention would lower-case them,
/// and renaming a primary or foreign key means dropping and re-creating it in every database. Names given
/// in a configuration (ix_…, ux_…) stay as given. Runs when the model is finalized, after the snake_case
/// convention has named everything (docs/database-naming.md §B.3).
/// </summary>
public sealed class KeepDefaultConstraintNamesConvention : IModelFinalizingConvention
{
    public void ProcessModelFinalizing(IConventionModelBuilder modelBuilder, IConventionContext<IConventionModelBuilder> context)
    {
        foreach (var entityType in modelBuilder.Metadata.GetEntityTypes())
        {
            foreach (var key in entityType.GetDeclaredKeys().Where(k => k.GetNameConfigurationSource() == ConfigurationSource.Convention))
            {
                key.Builder.HasNoAnnotation(RelationalAnnotationNames.Name);
            }
            foreach (var foreignKey in entityType.GetDeclaredForeignKeys().Where(f => f.GetConstraintNameConfigurationSource() == ConfigurationSource.Convention))
            {
                foreignKey.Builder.HasNoAnnotation(RelationalAnnotationNames.Name);
            }
            foreach (var index in entityType.GetDeclaredIndexes().Where(i => i.GetDatabaseNameConfigurationSource() == ConfigurationSource.Convention))
            {
                index.Builder.HasNoAnnotation(RelationalAnnotationNames.Name);
            }
        }
    }
}
