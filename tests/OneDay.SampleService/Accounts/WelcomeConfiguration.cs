using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneDay.SampleService.Accounts;

public sealed class WelcomeConfiguration : IEntityTypeConfiguration<Welcome>
{
    public void Configure(EntityTypeBuilder<Welcome> builder)
    {
        builder.ToTable("welcomes");
    }
}
