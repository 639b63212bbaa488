using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneDay.Contracts;
using OneDay.Contracts.Users;
using OneDay.Persistence.Outbox;
using OneDay.Users.Accounts;
using OneDay.Users.Data;

namespace OneDay.Users.Administration;

/// <summary>
/// Creates the configured Admin account at start-up unless an account with that address exists. It never
/// changes an existing account: an address already taken by a Worker or Employer is reported, not promoted.
/// Registered after the database, so it runs once migrations have.
/// </summary>
public sealed class BootstrapAdmin(
    IServiceScopeFactory scopes,
    IOptions<BootstrapAdminOptions> options,
    Passwords passwords,
    TimeProvider time,
    ILogger<BootstrapAdmin> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var admin = options.Value;
        if (!admin.IsConfigured) return;
        var email = EmailAddress.Normalise(admin.Email)
            ?? throw new InvalidOperationException("BootstrapAdmin:Email is not an e-mail address");
        if (PasswordPolicy.Refusal(admin.Password, email) is { } refusal)
        {
            throw new InvalidOperationException($"BootstrapAdmin:Password is refused: {refusal}");
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UsersDbContext>();
        var existing = await db.Users.AsNoTracking().Where(u => u.Email == email).Select(u => (UserRole?)u.Role).SingleOrDefaultAsync(cancellationToken);
        if (existing == UserRole.Admin) return;
        if (existing is not null)
        {
            logger.LogError("BootstrapAdmin:Email belongs to a {Role} account; it is not made an Admin", existing);
            return;
        }
        var user = User.CreateAdmin(email, passwords.Hash(admin.Password!), admin.DisplayName, time.GetUtcNow());
        db.Users.Add(user);
        scope.ServiceProvider.GetRequiredService<IntegrationEventOutbox<UsersDbContext>>().Add(new UserCreated(user.Id, user.Email, user.DisplayName, user.Role));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("created the Admin account {UserId} from BootstrapAdmin:Email", user.Id);
        }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            // Another replica created it at the same time.
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
