using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneDay.Jobs.Accounts;

public sealed class AccountNameConfiguration : IEntityTypeConfiguration<AccountName>
{
    public void Configure(EntityTypeBuilder<AccountName> builder)
    {
        builder.ToTable("account_names");
        builder.HasKey(a => a.UserId);
        builder.Property(a => a.DisplayName).HasMaxLength(100);
    }
}
