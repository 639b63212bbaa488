using Microsoft.EntityFrameworkCore;
using OneDay.Contracts.Notifications;
using OneDay.Notifications.Data;
using OneDay.Notifications.Delivery;
using OneDay.Notifications.Devices;
using OneDay.Notifications.InApp;
using OneDay.Notifications.Templates;

namespace OneDay.Notifications.Sending;

/// <summary>What to tell whom. <see cref="Channels"/> null means the kind's defaults; addresses override the directory's.</summary>
public sealed record OutgoingNotification(
    Guid UserId,
    NotificationKind Kind,
    RenderedMessage Message,
    IReadOnlyCollection<NotificationChannel>? Channels = null,
    string? Email = null,
    string? PhoneNumber = null);

/// <summary>What was planned: the in-app entry (if any) and the channels messages were queued for.</summary>
public sealed record NotificationPlan(Guid? NotificationId, IReadOnlyList<NotificationChannel> Channels);

/// <summary>
/// Turns one notification into its in-app entry and its channel deliveries, in the caller's unit of work
/// (an event handler's inbox transaction, or a request), honouring the kind's rules, the user's channel
/// choices and quiet hours. Nothing is sent here: the dispatcher sends what commits.
/// </summary>
public sealed class NotificationCenter(NotificationsDbContext db, TimeProvider time, ILogger<NotificationCenter> logger)
{
    public async Task<NotificationPlan> PlanAsync(OutgoingNotification outgoing, CancellationToken cancellationToken)
    {
        var rule = ChannelRules.For(outgoing.Kind);
        var channels = (outgoing.Channels ?? rule.Defaults).Where(rule.Allowed.Contains).Distinct().Order().ToList(); // InApp first: deliveries point at the entry
        if (!rule.Secret)
        {
            var choices = await db.ChannelPreferences.AsNoTracking()
                .Where(p => p.UserId == outgoing.UserId && p.Kind == outgoing.Kind)
                .ToDictionaryAsync(p => p.Channel, p => p.Enabled, cancellationToken);
            channels.RemoveAll(c => choices.TryGetValue(c, out var enabled) && !enabled);
        }

        var now = time.GetUtcNow();
        // Find sees a recipient the same unit of work just added (user-created sends its own welcome).
        var recipient = await db.Recipients.FindAsync([outgoing.UserId], cancellationToken);
        var quietUntil = rule.Secret ? null
            : (await db.QuietHours.AsNoTracking().FirstOrDefaultAsync(q => q.UserId == outgoing.UserId, cancellationToken))?.EndOfWindowContaining(now);

        Notification? entry = null;
        var planned = new List<NotificationChannel>();
        foreach (var channel in channels)
        {
            if (channel == NotificationChannel.InApp)
            {
                entry = new Notification
                {
                    Id = Guid.CreateVersion7(),
                    UserId = outgoing.UserId,
                    Kind = outgoing.Kind,
                    Title = outgoing.Message.Title,
                    Body = outgoing.Message.Body,
                    Link = outgoing.Message.Link,
                    CreatedAt = now,
                };
                db.Notifications.Add(entry);
                planned.Add(channel);
                continue;
            }
            var destinations = channel switch
            {
                NotificationChannel.Email => Address(outgoing.Email ?? recipient?.Email),
                NotificationChannel.Sms => Address(outgoing.PhoneNumber ?? recipient?.PhoneNumber),
                NotificationChannel.Push => await DevicesOfAsync(outgoing.UserId, cancellationToken),
                _ => throw new InvalidOperationException($"{channel} is not an output binding"),
            };
            if (destinations.Count == 0)
            {
                logger.LogInformation("no {Channel} address or device for user {UserId}; {Kind} goes to the other channels", channel, outgoing.UserId, outgoing.Kind);
                continue;
            }
            var dueAt = channel is NotificationChannel.Sms or NotificationChannel.Push && quietUntil is { } end ? end : now;
            foreach (var (destination, platform) in destinations)
            {
                db.Deliveries.Add(ChannelDelivery.Create(outgoing.UserId, entry?.Id, outgoing.Kind, channel, destination, platform,
                    outgoing.Message.Title, outgoing.Message.Body, now, dueAt));
            }
            planned.Add(channel);
        }
        db.HasNewOutgoing |= planned.Count > 0;
        return new NotificationPlan(entry?.Id, planned);
    }

    private static IReadOnlyList<(string Destination, PushPlatform? Platform)> Address(string? address) => address is null ? [] : [(address, null)];

    /// <summary>Push goes to each registered device: the user may be signed in on a phone and a tablet.</summary>
    private async Task<IReadOnlyList<(string Destination, PushPlatform? Platform)>> DevicesOfAsync(Guid userId, CancellationToken cancellationToken) =>
        (await db.PushDevices.AsNoTracking().Where(d => d.UserId == userId).Select(d => new { d.Token, d.Platform }).ToListAsync(cancellationToken))
        .Select(d => (d.Token, (PushPlatform?)d.Platform)).ToList();
}
