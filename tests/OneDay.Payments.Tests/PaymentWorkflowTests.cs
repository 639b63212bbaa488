using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneDay.Payments.Data;
using OneDay.Payments.Ledger;
using OneDay.Payments.Providers;
using OneDay.Payments.Tests.Infrastructure;
using OneDay.Payments.WagePayments;
using OneDay.Payments.Workflows;
using OneDay.Persistence.Outbox;

namespace OneDay.Payments.Tests;

[Collection(PaymentsCollection.Name)]
public sealed class PaymentWorkflowTests(PaymentsFixture fixture) : LedgerCheckedTest(fixture)
{
    [Fact]
    public async Task A_confirmed_payment_is_captured_settled_marked_paid_and_announced()
    {
        var employerId = Guid.CreateVersion7();
        var workerId = Guid.CreateVersion7();
        var completed = await Fixture.CompleteJobAsync(employerId, workerId, 200_000);
        var payment = await Fixture.CreatePaymentAsync(employerId, completed.ApplicationId);
        Assert.Equal(220_000, payment.AmountKrw);
        var before = await Fixture.BalancesAsync();

        using var confirmed = await Fixture.PayAndConfirmAsync(employerId, payment);

        Assert.Equal(HttpStatusCode.Accepted, confirmed.StatusCode);
        var settled = await Fixture.WaitForPaymentAsync(payment.Id, PaymentStatus.Completed);
        Assert.Equal(220_000, Fixture.PaymentProvider.NetCapturedKrw(settled.ProviderOrderId));
        Assert.Contains($"paid:{completed.ApplicationId}", Fixture.Jobs.Calls);
        Assert.Equal(198_515, await Fixture.BalanceAsync(AccountKind.WorkerWallet, workerId));
        Assert.Equal(-220_000, await Fixture.BalanceAsync(AccountKind.EmployerFunding, employerId));
        Assert.Equal(before.GetValueOrDefault((AccountKind.PlatformFees, null)) + 20_000, await Fixture.BalanceAsync(AccountKind.PlatformFees, null));
        Assert.Equal(before.GetValueOrDefault((AccountKind.WithholdingTax, null)) + 1_485, await Fixture.BalanceAsync(AccountKind.WithholdingTax, null));
        Assert.Equal(before.GetValueOrDefault((AccountKind.Escrow, null)), await Fixture.BalanceAsync(AccountKind.Escrow, null));
        var settlement = await Fixture.QueryAsync(db => db.Settlements.AsNoTracking().SingleAsync(s => s.PaymentId == payment.Id));
        Assert.Equal(198_515, settlement.NetAmountKrw);

        var events = await Fixture.Events.WaitForAsync(received =>
            received.Any(e => e.Topic == "payment-completed" && e.Data.GetProperty("paymentId").GetGuid() == payment.Id) &&
            received.Any(e => e.Topic == "settlement-created" && e.Data.GetProperty("paymentId").GetGuid() == payment.Id));
        var paymentCompleted = events.Single(e => e.Topic == "payment-completed" && e.Data.GetProperty("paymentId").GetGuid() == payment.Id).Data;
        Assert.Equal(220_000, paymentCompleted.GetProperty("amountKrw").GetInt64());
        Assert.Equal(20_000, paymentCompleted.GetProperty("feeKrw").GetInt64());
        Assert.Equal(completed.ApplicationId, paymentCompleted.GetProperty("applicationId").GetGuid());
        var settlementCreated = events.Single(e => e.Topic == "settlement-created" && e.Data.GetProperty("paymentId").GetGuid() == payment.Id).Data;
        Assert.Equal(198_515, settlementCreated.GetProperty("netAmountKrw").GetInt64());
        Assert.Equal(workerId, settlementCreated.GetProperty("workerId").GetGuid());
        using var metricsClient = Fixture.Service.CreateClient();
        var metrics = await metricsClient.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Contains(metrics.Split('\n'), line => line.StartsWith("oneday_payments_outcomes_total{", StringComparison.Ordinal) && line.Contains("status=\"Completed\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_confirmed_payment_whose_process_died_after_the_commit_still_gets_its_workflow()
    {
        var employerId = Guid.CreateVersion7();
        var workerId = Guid.CreateVersion7();
        var completed = await Fixture.CompleteJobAsync(employerId, workerId, 200_000);
        var payment = await Fixture.CreatePaymentAsync(employerId, completed.ApplicationId);
        var paymentKey = Fixture.PaymentProvider.PayAsClient(payment.ProviderOrderId);

        // What a confirm commits, and nothing after it: the payment Processing and its workflow start in the outbox.
        await using (var scope = Fixture.Service.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PaymentsDbContext>();
            var confirmed = await db.Payments.SingleAsync(p => p.Id == payment.Id);
            Assert.Null(confirmed.BeginProcessing(paymentKey));
            scope.ServiceProvider.GetRequiredService<IntegrationEventOutbox<PaymentsDbContext>>().StartWorkflow(nameof(PaymentWorkflow),
                PaymentWorkflow.InstanceId(payment.Id), new PaymentWorkflowInput(payment.Id, DateTimeOffset.UtcNow, new PaymentRetry(3, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(300))));
            await db.SaveChangesAsync();
        }

        await Fixture.WaitForPaymentAsync(payment.Id, PaymentStatus.Completed);
        Assert.Equal(198_515, await Fixture.BalanceAsync(AccountKind.WorkerWallet, workerId));
        Assert.Equal(1, await Fixture.QueryAsync(db => db.Settlements.CountAsync(s => s.PaymentId == payment.Id)));
    }

    [Fact]
    public async Task A_captured_payment_whose_response_was_lost_is_confirmed_again_and_completes()
    {
        var employerId = Guid.CreateVersion7();
        var workerId = Guid.CreateVersion7();
        var completed = await Fixture.CompleteJobAsync(employerId, workerId, 160_000);
        var payment = await Fixture.CreatePaymentAsync(employerId, completed.ApplicationId);
        Fixture.PaymentProvider.Script(payment.ProviderOrderId, SandboxFailure.ResponseLost);

        using var confirmed = await Fixture.PayAndConfirmAsync(employerId, payment);

        Assert.Equal(HttpStatusCode.Accepted, confirmed.StatusCode);
        await Fixture.WaitForPaymentAsync(payment.Id, PaymentStatus.Completed);
        Assert.Equal(176_000, Fixture.PaymentProvider.NetCapturedKrw(payment.ProviderOrderId));
        Assert.Equal(160_000, await Fixture.BalanceAsync(AccountKind.WorkerWallet, workerId)); // 10,000 × 2.7% = 270: under 1,000, nothing withheld
    }

    public static TheoryData<string> Failures => ["declined", "timeout", "response-lost-then-timeouts", "jobs-refuses", "jobs-unreachable"];

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task A_failure_compensates_and_leaves_every_account_as_before(string failure)
    {
        var employerId = Guid.CreateVersion7();
        var workerId = Guid.CreateVersion7();
        var completed = await Fixture.CompleteJobAsync(employerId, workerId, 200_000);
        var payment = await Fixture.CreatePaymentAsync(employerId, completed.ApplicationId);
        switch (failure)
        {
            case "declined":
                Fixture.PaymentProvider.Script(payment.ProviderOrderId, SandboxFailure.Declined);
                break;
            case "timeout":
                Fixture.PaymentProvider.Script(payment.ProviderOrderId, SandboxFailure.Timeout, SandboxFailure.Timeout, SandboxFailure.Timeout);
                break;
            case "response-lost-then-timeouts":
                Fixture.PaymentProvider.Script(payment.ProviderOrderId, SandboxFailure.ResponseLost, SandboxFailure.Timeout, SandboxFailure.Timeout);
                break;
            case "jobs-refuses":
                Fixture.Jobs.RefusePaid(completed.ApplicationId);
                break;
            default:
                Fixture.Jobs.BeUnavailableFor(completed.ApplicationId);
                break;
        }
        var before = await Fixture.BalancesAsync();

        using var confirmed = await Fixture.PayAndConfirmAsync(employerId, payment);

        Assert.Equal(HttpStatusCode.Accepted, confirmed.StatusCode);
        var failed = await Fixture.WaitForPaymentAsync(payment.Id, PaymentStatus.Failed);
        Assert.False(string.IsNullOrEmpty(failed.FailureReason));
        var after = await Fixture.BalancesAsync();
        foreach (var account in before.Keys.Union(after.Keys))
            Assert.True(before.GetValueOrDefault(account) == after.GetValueOrDefault(account), $"{account} changed from {before.GetValueOrDefault(account)} to {after.GetValueOrDefault(account)}");
        Assert.Equal(0, Fixture.PaymentProvider.NetCapturedKrw(payment.ProviderOrderId));
        Assert.False(await Fixture.QueryAsync(db => db.Settlements.AnyAsync(s => s.PaymentId == payment.Id)));
        Assert.DoesNotContain(Fixture.Events.Received, e => e.Topic == "payment-completed" && e.Data.GetProperty("paymentId").GetGuid() == payment.Id);
        var events = await Fixture.Events.WaitForAsync(received => received.Any(e => e.Topic == "payment-failed" && e.Data.GetProperty("paymentId").GetGuid() == payment.Id));
        Assert.Equal(failed.FailureReason, events.Single(e => e.Topic == "payment-failed" && e.Data.GetProperty("paymentId").GetGuid() == payment.Id).Data.GetProperty("reason").GetString());
    }
}
