using System.Net;
using OneDay.Payments.Ledger;
using OneDay.Payments.Payments;
using OneDay.Payments.Tests.Infrastructure;

namespace OneDay.Payments.Tests;

/// <summary>A payments service of its own, to crash it mid-saga without disturbing the other tests.</summary>
public sealed class CrashingPaymentsFixture : PaymentsFixture
{
    // Retries that outlast the crash: the saga must still be waiting on jobs when payments comes back.
    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["PaymentSaga:StepAttempts"] = "100";
        settings["PaymentSaga:RetryDelay"] = "00:00:00.200";
        return settings;
    }
}

public sealed class SagaRecoveryTests(CrashingPaymentsFixture fixture) : IClassFixture<CrashingPaymentsFixture>
{
    [Fact]
    public async Task A_saga_interrupted_by_a_crash_resumes_where_it_stopped()
    {
        var employerId = Guid.CreateVersion7();
        var workerId = Guid.CreateVersion7();
        var completed = await fixture.CompleteJobAsync(employerId, workerId, 200_000);
        var payment = await fixture.CreatePaymentAsync(employerId, completed.ApplicationId);
        fixture.Jobs.BeUnavailableFor(completed.ApplicationId);
        using var confirmed = await fixture.PayAndConfirmAsync(employerId, payment);
        Assert.Equal(HttpStatusCode.Accepted, confirmed.StatusCode);
        await Testing.Eventually.TrueAsync(() => Task.FromResult(fixture.Jobs.Calls.Contains($"paid:{completed.ApplicationId}")), what: "the saga reaching jobs");

        await fixture.RestartPaymentsAsync();
        fixture.Jobs.Recover(completed.ApplicationId);

        await fixture.WaitForPaymentAsync(payment.Id, PaymentStatus.Completed);
        Assert.Equal(198_515, await fixture.BalanceAsync(AccountKind.WorkerWallet, workerId));
        Assert.Equal(-220_000, await fixture.BalanceAsync(AccountKind.EmployerFunding, employerId));
        await fixture.Events.WaitForAsync(received => received.Count(e => e.Topic == "payment-completed" && e.Data.GetProperty("paymentId").GetGuid() == payment.Id) == 1);
        await fixture.AssertLedgerBalancedAsync();
    }
}
