using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneDay.Chat.Rooms;

public sealed class UndoneMatchConfiguration : IEntityTypeConfiguration<UndoneMatch>
{
    public void Configure(EntityTypeBuilder<UndoneMatch> builder)
    {
        builder.ToTable("undone_matches");
        builder.HasKey(u => u.ApplicationId);
    }
}
