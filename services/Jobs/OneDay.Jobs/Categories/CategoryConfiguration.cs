using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneDay.Jobs.Categories;

public sealed class CategoryConfiguration : IEntityTypeConfiguration<Category>
{
    public void Configure(EntityTypeBuilder<Category> builder)
    {
        builder.ToTable("categories");
        builder.Property(c => c.Id).UseIdentityByDefaultColumn();
        builder.Property(c => c.Name).HasMaxLength(50);
        builder.HasIndex(c => c.Name).IsUnique();
        builder.HasData(Category.Seed.Select((name, i) => new Category { Id = i + 1, Name = name, SortOrder = i + 1 }));
    }
}
