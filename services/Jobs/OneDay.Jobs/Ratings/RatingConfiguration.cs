using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneDay.Jobs.Ratings;

public sealed class RatingConfiguration : IEntityTypeConfiguration<Rating>
{
    public void Configure(EntityTypeBuilder<Rating> builder)
    {
        builder.ToTable("ratings", t => t.HasCheckConstraint("ck_ratings_stars", "stars BETWEEN 1 AND 5"));
        builder.HasKey(r => new { r.ApplicationId, r.RaterId });
        builder.Property(r => r.Comment).HasMaxLength(500);
        builder.HasIndex(r => r.RateeId).HasDatabaseName("ix_ratings_ratee");
    }
}
