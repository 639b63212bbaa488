using System.Net;
using System.Net.Http.Json;
using Dapr.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneDay.Contracts;
using OneDay.Contracts.Jobs;
using OneDay.Payments.Payroll;
using OneDay.Payments.Ledger;
using OneDay.Payments.PaySlips;
using OneDay.Payments.Tests.Infrastructure;
using OneDay.Payments.WagePayments;
using OneDay.Persistence.Inbox;
using OneDay.Testing;

namespace OneDay.Payments.Tests;

/// <summary>A matched worker the employer cancelled late is owed pay, which is charged, settled and stated like a day's wage.</summary>
[Collection(PaymentsCollection.Name)]
public sealed class LateCancellationPayTests(PaymentsFixture fixture) : LedgerCheckedTest(fixture)
{
    [Fact]
    public async Task The_pay_jobs_announces_with_a_cancellation_is_charged_to_the_employer_and_settled_into_the_workers_wallet()
    {
        var employerId = Guid.CreateVersion7();
        var workerId = Guid.CreateVersion7();
        var cancelled = await CancelLateAsync(employerId, workerId, payKrw: 42_000);
        var walletBefore = await Fixture.BalanceAsync(AccountKind.WorkerWallet, workerId);

        var payment = await Fixture.CreatePaymentAsync(employerId, cancelled.ApplicationId);
        using (var confirmed = await Fixture.PayAndConfirmAsync(employerId, payment)) Assert.Equal(HttpStatusCode.Accepted, confirmed.StatusCode);
        await Fixture.WaitForPaymentAsync(payment.Id, PaymentStatus.Completed);
        using var worker = Fixture.Client(workerId, UserRole.Worker);
        var slip = (await worker.GetFromJsonAsync<PaySlipView>($"/payments/{payment.Id}/pay-slip", ContractJson.Options))!;

        Assert.Equal(42_000, slip.GrossWageKrw);
        // Under the daily-wage exemption: nothing is withheld, the whole amount reaches the wallet.
        Assert.Equal(42_000, slip.NetPayKrw);
        Assert.Equal(42_000, await Fixture.BalanceAsync(AccountKind.WorkerWallet, workerId) - walletBefore);
        Assert.Equal(nameof(PayableKind.LateCancellation), slip.Kind);
        Assert.Contains("취소 보상금: 42,000원", slip.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("근로시간", slip.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cancellation_that_owes_nothing_leaves_nothing_to_pay()
    {
        var employerId = Guid.CreateVersion7();
        var owed = await CancelLateAsync(employerId, Guid.CreateVersion7(), payKrw: 10_000);
        var nothingOwed = new ApplicationCancelled(Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), employerId, "행사 스태프", employerId, "일정 변경")
        {
            EventId = Guid.NewGuid(),
            OccurredAt = DateTimeOffset.UtcNow,
        };
        await PublishAsync(nothingOwed);
        await Eventually.TrueAsync(() => Fixture.QueryAsync(db => db.Set<InboxMessage>().AnyAsync(m => m.EventId == nothingOwed.EventId)),
            what: "payments handling the cancellation that owes nothing");
        using var employer = Fixture.Client(employerId, UserRole.Employer);
        using var refused = await PaymentsFixture.PostAsync(employer, "/payments/create", new CreatePayment(nothingOwed.ApplicationId), Guid.NewGuid().ToString());

        Assert.False(await Fixture.QueryAsync(db => db.OwedWages.AnyAsync(a => a.ApplicationId == nothingOwed.ApplicationId)));
        Assert.True(await Fixture.QueryAsync(db => db.OwedWages.AnyAsync(a => a.ApplicationId == owed.ApplicationId && a.Kind == PayableKind.LateCancellation)));
        Assert.True(refused.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Conflict, refused.StatusCode.ToString());
    }

    private async Task<ApplicationCancelled> CancelLateAsync(Guid employerId, Guid workerId, long payKrw)
    {
        var cancelled = new ApplicationCancelled(Guid.CreateVersion7(), Guid.CreateVersion7(), workerId, employerId, "행사 스태프", employerId, "행사 취소")
        {
            CancellationPayKrw = payKrw,
            EventId = Guid.NewGuid(),
            OccurredAt = DateTimeOffset.UtcNow,
        };
        await PublishAsync(cancelled);
        await Eventually.TrueAsync(() => Fixture.QueryAsync(db => db.OwedWages.AnyAsync(a => a.ApplicationId == cancelled.ApplicationId)),
            what: "the cancellation pay becoming payable");
        return cancelled;
    }

    private Task PublishAsync(ApplicationCancelled cancelled) =>
        Fixture.Service.Services.GetRequiredService<DaprClient>().PublishEventAsync("pubsub", IntegrationEventTopics.Of<ApplicationCancelled>(), cancelled);
}
