using Microsoft.Extensions.Options;
using OneDay.ServiceDefaults.Background;

namespace OneDay.Chat.Realtime;

/// <summary>Renews this instance's presence leases three times per lease, so one missed renewal loses no one.</summary>
public sealed class PresenceHeartbeat(PresenceRegistry presence, IOptions<ChatOptions> options, TimeProvider time, ILogger<PresenceHeartbeat> logger)
    : PeriodicSweep(options.Value.PresenceLease / 3, time, logger)
{
    protected override string Description => "presence renewal";

    protected override Task SweepAsync(CancellationToken stoppingToken) => presence.RenewAsync();
}
