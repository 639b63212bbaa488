using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using OneDay.ServiceDefaults.Background;

namespace OneDay.Payments.Ledger;

/// <summary>
/// Runs the operator's ledger check on a schedule and exports its verdict as <c>oneday_payments_ledger_balanced</c>
/// (1 balanced to the won, 0 not) and <c>oneday_payments_ledger_unbalanced_journals</c>, so a broken
/// invariant pages someone instead of waiting for an operator to ask.
/// </summary>
public sealed class LedgerAudit : PeriodicSweep
{
    private readonly IServiceScopeFactory _scopes;
    private LedgerCheck? _last;

    public LedgerAudit(IServiceScopeFactory scopes, IOptions<LedgerAuditOptions> options, TimeProvider time, IMeterFactory meters, ILogger<LedgerAudit> logger)
        : base(options.Value.AuditInterval, time, logger)
    {
        _scopes = scopes;
        var meter = meters.Create("OneDay.Payments");
        meter.CreateObservableGauge("oneday.payments.ledger_balanced", () => Observe(check => check.Balanced ? 1 : 0),
            description: "1 when the last ledger check balanced to the won, 0 when it did not");
        meter.CreateObservableGauge("oneday.payments.ledger_unbalanced_journals", () => Observe(check => check.UnbalancedJournals + check.EmptyJournals),
            description: "Journals that do not balance or have no postings, at the last ledger check");
    }

    protected override string Description => "the ledger audit";

    private IEnumerable<Measurement<int>> Observe(Func<LedgerCheck, int> value) =>
        Volatile.Read(ref _last) is { } check ? [new Measurement<int>(value(check))] : [];

    protected override async Task SweepAsync(CancellationToken stoppingToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var check = await scope.ServiceProvider.GetRequiredService<MoneyLedger>().CheckAsync(stoppingToken);
        Volatile.Write(ref _last, check);
    }
}
