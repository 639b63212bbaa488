using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneDay.Notifications.IntegrationEvents;

public sealed class ApplicationPartiesConfiguration : IEntityTypeConfiguration<ApplicationParties>
{
    public void Configure(EntityTypeBuilder<ApplicationParties> builder)
    {
        builder.ToTable("application_parties");
        builder.HasKey(x => x.ApplicationId);
        builder.Property(x => x.JobTitle).HasMaxLength(200);
    }
}
