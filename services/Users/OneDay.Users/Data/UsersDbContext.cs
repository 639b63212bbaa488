using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using OneDay.Persistence.Database;
using OneDay.Users.AccountMessaging;
using OneDay.Users.Accounts;
using OneDay.Users.Authentication;
using OneDay.Users.Verification;

namespace OneDay.Users.Data;

public sealed class UsersDbContext(DbContextOptions<UsersDbContext> options) : ServiceDbContext(options)
{
    public DbSet<User> Users => Set<User>();
    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();
    public DbSet<OneTimeToken> OneTimeTokens => Set<OneTimeToken>();
    public DbSet<PendingNotification> PendingNotifications => Set<PendingNotification>();
    public DbSet<LoginFailure> LoginFailures => Set<LoginFailure>();
}

/// <summary>For `dotnet ef migrations add`: the model without starting the app (which needs its sidecar).</summary>
public sealed class UsersDbContextFactory : IDesignTimeDbContextFactory<UsersDbContext>
{
    public UsersDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<UsersDbContext>().UseNpgsql("Host=127.0.0.1;Database=oneday_users_design").Options);
}
