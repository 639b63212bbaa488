using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using OneDay.Contracts;
using OneDay.Payments.Ledger;
using OneDay.Payments.Payments;
using OneDay.Payments.Tests.Infrastructure;
using OneDay.Payments.Workflows;

namespace OneDay.Payments.Tests;

/// <summary>A payments service of its own, to crash it mid-workflow without disturbing the other tests.</summary>
public sealed class CrashingPaymentsFixture : PaymentsFixture
{
    // Retries that outlast the crash: the workflow must still be waiting on jobs when payments comes back.
    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["PaymentWorkflow:StepAttempts"] = "100";
        settings["PaymentWorkflow:RetryDelay"] = "00:00:00.200";
        return settings;
    }
}

public sealed class WorkflowRecoveryTests(CrashingPaymentsFixture fixture) : IClassFixture<CrashingPaymentsFixture>
{
    [Fact]
    public async Task A_workflow_interrupted_by_a_crash_resumes_where_it_stopped_and_does_each_effect_once()
    {
        var employerId = Guid.CreateVersion7();
        var workerId = Guid.CreateVersion7();
        var completed = await fixture.CompleteJobAsync(employerId, workerId, 200_000);
        var payment = await fixture.CreatePaymentAsync(employerId, completed.ApplicationId);
        fixture.Jobs.BeUnavailableFor(completed.ApplicationId);
        using var confirmed = await fixture.PayAndConfirmAsync(employerId, payment);
        Assert.Equal(HttpStatusCode.Accepted, confirmed.StatusCode);
        await Testing.Eventually.TrueAsync(() => Task.FromResult(fixture.Jobs.Calls.Contains($"paid:{completed.ApplicationId}")), what: "the workflow reaching jobs");
        using var employer = fixture.Client(employerId, UserRole.Employer);
        var inFlight = await employer.GetFromJsonAsync<PaymentView>($"/payments/{payment.Id}", ContractJson.Options);
        Assert.Equal(nameof(PaymentStatus.Processing), inFlight!.Status);
        Assert.Equal(PaymentWorkflowStep.MarkingApplicationPaid, inFlight.WorkflowStep);

        await fixture.RestartPaymentsAsync();
        fixture.Jobs.Recover(completed.ApplicationId);

        await fixture.WaitForPaymentAsync(payment.Id, PaymentStatus.Completed);
        Assert.Equal(198_515, await fixture.BalanceAsync(AccountKind.WorkerWallet, workerId));
        Assert.Equal(-220_000, await fixture.BalanceAsync(AccountKind.EmployerFunding, employerId));
        await fixture.Events.WaitForAsync(received => received.Count(e => e.Topic == "payment-completed" && e.Data.GetProperty("paymentId").GetGuid() == payment.Id) == 1);
        Assert.Equal(1, await fixture.QueryAsync(db => db.Settlements.CountAsync(s => s.PaymentId == payment.Id)));
        Assert.Equal(1, await fixture.QueryAsync(db => db.Journals.CountAsync(j => j.Reference == PaymentJournals.EscrowReference(payment.Id))));
        Assert.Equal(1, await fixture.QueryAsync(db => db.Journals.CountAsync(j => j.Reference == PaymentJournals.SettlementReference(payment.Id))));
        using var employerAfterRestart = fixture.Client(employerId, UserRole.Employer);
        var done = await employerAfterRestart.GetFromJsonAsync<PaymentView>($"/payments/{payment.Id}", ContractJson.Options);
        Assert.Null(done!.WorkflowStep);
        await fixture.AssertLedgerBalancedAsync();
    }
}
