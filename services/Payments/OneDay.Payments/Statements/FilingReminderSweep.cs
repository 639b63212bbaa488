using Microsoft.Extensions.Options;
using OneDay.Contracts;
using OneDay.ServiceDefaults.Background;

namespace OneDay.Payments.Statements;

/// <summary>
/// Looks for filing reminders due, every <see cref="FilingReminderOptions.Sweep"/>. A sweep, like the ledger audit and
/// the held-withdrawal recovery, rather than a workflow timer per employer: what is due follows from the database on
/// any day, so a missed or repeated sweep loses and doubles nothing (<see cref="FilingReminder"/>).
/// </summary>
public sealed class FilingReminderSweep(IServiceScopeFactory scopes, IOptions<FilingReminderOptions> options, TimeProvider time, ILogger<FilingReminderSweep> logger)
    : PeriodicSweep(options.Value.Sweep, time, logger)
{
    protected override string Description => "filing reminders";

    protected override async Task SweepAsync(CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<FilingReminders>().RemindAsync(KoreanTime.DateOf(Time.GetUtcNow()), stoppingToken);
    }
}
