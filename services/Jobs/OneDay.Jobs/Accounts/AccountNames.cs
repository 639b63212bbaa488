using Microsoft.EntityFrameworkCore;
using OneDay.Jobs.Data;

namespace OneDay.Jobs.Accounts;

/// <summary>Keeps <see cref="AccountName"/> in step with users' events and answers the names a document needs.</summary>
public sealed class AccountNames(JobsDbContext db, TimeProvider time)
{
    public async Task NameAsync(Guid userId, string displayName, CancellationToken cancellationToken)
    {
        var known = await db.AccountNames.SingleOrDefaultAsync(a => a.UserId == userId, cancellationToken);
        if (known is null) db.AccountNames.Add(known = new AccountName { UserId = userId });
        known.DisplayName = displayName;
        known.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The account's name, or <see cref="AccountName.Unknown"/> when users has not announced it (yet).</summary>
    public async Task<string> OfAsync(Guid userId, CancellationToken cancellationToken) =>
        await db.AccountNames.Where(a => a.UserId == userId).Select(a => a.DisplayName).SingleOrDefaultAsync(cancellationToken) ?? AccountName.Unknown;
}
