using System.Net;
using Microsoft.EntityFrameworkCore;
using OneDay.Contracts;
using OneDay.Payments.Ledger;
using OneDay.Payments.Tests.Infrastructure;
using OneDay.Payments.WagePayments;
using OneDay.Payments.Wallet;

namespace OneDay.Payments.Tests;

[Collection(PaymentsCollection.Name)]
public sealed class ConcurrencyTests(PaymentsFixture fixture) : LedgerCheckedTest(fixture)
{
    [Fact]
    public async Task Fifty_concurrent_confirms_of_one_payment_capture_and_settle_it_once()
    {
        var employerId = Guid.CreateVersion7();
        var workerId = Guid.CreateVersion7();
        var completed = await Fixture.CompleteJobAsync(employerId, workerId, 200_000);
        var payment = await Fixture.CreatePaymentAsync(employerId, completed.ApplicationId);
        var paymentKey = Fixture.PaymentProvider.PayAsClient(payment.ProviderOrderId);
        using var client = Fixture.Client(employerId, UserRole.Employer);

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ =>
        {
            using var response = await PaymentsFixture.PostAsync(client, "/payments/confirm", new ConfirmPayment(payment.Id, paymentKey, payment.AmountKrw), Guid.NewGuid().ToString());
            return response.StatusCode;
        }));

        Assert.Equal(1, answers.Count(a => a == HttpStatusCode.Accepted));
        Assert.Equal(49, answers.Count(a => a == HttpStatusCode.Conflict));
        await Fixture.WaitForPaymentAsync(payment.Id, PaymentStatus.Completed);
        Assert.Equal(198_515, await Fixture.BalanceAsync(AccountKind.WorkerWallet, workerId));
        Assert.Equal(1, await Fixture.QueryAsync(db => db.Settlements.CountAsync(s => s.PaymentId == payment.Id)));
    }

    [Fact]
    public async Task Confirms_and_withdrawals_racing_on_one_wallet_never_overdraw_it()
    {
        var workerId = Guid.CreateVersion7();
        await Fixture.PaidWorkerAsync(workerId, 200_000); // 198,515 net
        var employerId = Guid.CreateVersion7();
        var payments = new List<PaymentView>();
        for (var i = 0; i < 20; i++)
            payments.Add(await Fixture.CreatePaymentAsync(employerId, (await Fixture.CompleteJobAsync(employerId, workerId, 150_000)).ApplicationId));
        using var worker = Fixture.Client(workerId, UserRole.Worker);

        var confirms = payments.Select(async payment =>
        {
            using var response = await Fixture.PayAndConfirmAsync(employerId, payment);
            return response.StatusCode;
        });
        var withdrawals = Enumerable.Range(0, 30).Select(async _ =>
        {
            using var response = await PaymentsFixture.PostAsync(worker, "/payments/withdraw", new Withdraw(50_000), Guid.NewGuid().ToString());
            return response.StatusCode;
        });
        var confirmed = await Task.WhenAll(confirms);
        var withdrawn = await Task.WhenAll(withdrawals);

        Assert.All(confirmed, status => Assert.Equal(HttpStatusCode.Accepted, status));
        Assert.All(withdrawn, status => Assert.Contains(status, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        foreach (var payment in payments) await Fixture.WaitForPaymentAsync(payment.Id, PaymentStatus.Completed);
        var paidOut = withdrawn.Count(s => s == HttpStatusCode.Created) * 50_000L;
        Assert.Equal(198_515 + 20 * 150_000 - paidOut, await Fixture.BalanceAsync(AccountKind.WorkerWallet, workerId));
        Assert.Equal(paidOut, Fixture.PayoutProvider.PaidTo(workerId));
        Assert.True(paidOut >= 150_000, $"only {paidOut} was withdrawn: the first three withdrawals were always covered");
    }

    [Fact]
    public async Task A_confirm_with_another_amount_is_refused_and_changes_nothing()
    {
        var employerId = Guid.CreateVersion7();
        var completed = await Fixture.CompleteJobAsync(employerId, Guid.CreateVersion7(), 200_000);
        var payment = await Fixture.CreatePaymentAsync(employerId, completed.ApplicationId);
        var paymentKey = Fixture.PaymentProvider.PayAsClient(payment.ProviderOrderId);
        using var client = Fixture.Client(employerId, UserRole.Employer);

        using var response = await PaymentsFixture.PostAsync(client, "/payments/confirm", new ConfirmPayment(payment.Id, paymentKey, 1_000), Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var unchanged = await Fixture.WaitForPaymentAsync(payment.Id, PaymentStatus.AwaitingPayment);
        Assert.Null(unchanged.ProviderPaymentKey);
        Assert.Equal(0, Fixture.PaymentProvider.NetCapturedKrw(payment.ProviderOrderId));
    }
}
