using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using OneDay.Users.AccountMessaging;
using OneDay.Users.Accounts;
using OneDay.Users.Data;

namespace OneDay.Users.Verification;

/// <summary>
/// Password-reset requests the endpoint has answered and not yet looked at. The endpoint answers before the
/// address is looked up, so neither its answer nor how long it took can tell a known address from an unknown
/// one. A request still queued when the process stops is lost, like a mail that never came: the person asks
/// again. Bounded, so a flood costs memory only up to the bound (beyond it requests are dropped).
/// </summary>
public sealed class PasswordResetQueue
{
    private const int Capacity = 10_000;

    private readonly Channel<PasswordResetRequest> _requests = Channel.CreateBounded<PasswordResetRequest>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    public void Enqueue(PasswordResetRequest request) => _requests.Writer.TryWrite(request);

    public IAsyncEnumerable<PasswordResetRequest> ReadAllAsync(CancellationToken cancellationToken) => _requests.Reader.ReadAllAsync(cancellationToken);
}

/// <summary>A normalised address and when it was asked for: the cooldown counts from the asking, however long the queue was.</summary>
public sealed record PasswordResetRequest(string Email, DateTimeOffset RequestedAt);

/// <summary>Owes a reset link to each queued address that belongs to an active account, at most one per cooldown.</summary>
public sealed class PasswordResetRequestWorker(
    PasswordResetQueue queue,
    IServiceScopeFactory scopes,
    NotificationDeliverySignal delivery,
    ILogger<PasswordResetRequestWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var request in queue.ReadAllAsync(stoppingToken))
        {
            try
            {
                await RequestAsync(request, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "a password-reset request could not be recorded");
            }
        }
    }

    private async Task RequestAsync(PasswordResetRequest request, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UsersDbContext>();
        var oneTimeTokens = scope.ServiceProvider.GetRequiredService<OneTimeTokens>();
        var user = await db.Users.SingleOrDefaultAsync(u => u.Email == request.Email && u.Status == UserStatus.Active, cancellationToken);
        var now = request.RequestedAt;
        // Within the cooldown nothing is sent: one link per cooldown is all a mailbox gets.
        if (user is null || await oneTimeTokens.CooldownLeftAsync(user.Id, OneTimeTokenPurpose.PasswordReset, now, cancellationToken) is not null) return;
        oneTimeTokens.Request(user, OneTimeTokenPurpose.PasswordReset, now);
        await db.SaveChangesAsync(cancellationToken);
        delivery.Wake();
    }
}
