using System.Net;
using System.Net.Http.Json;
using OneDay.Contracts;
using OneDay.Payments.Tests.Infrastructure;
using OneDay.Payments.WagePayments;
using OneDay.Payments.Wallet;

namespace OneDay.Payments.Tests;

/// <summary>Object-level authorisation: a payment exists only for its employer and worker.</summary>
[Collection(PaymentsCollection.Name)]
public sealed class AuthorizationTests(PaymentsFixture fixture) : LedgerCheckedTest(fixture)
{
    [Fact]
    public async Task Another_employer_cannot_create_a_payment_for_someone_elses_application()
    {
        var completed = await Fixture.CompleteJobAsync(Guid.CreateVersion7(), Guid.CreateVersion7(), 120_000);
        using var intruder = Fixture.Client(Guid.CreateVersion7(), UserRole.Employer);

        using var response = await PaymentsFixture.PostAsync(intruder, "/payments/create", new CreatePayment(completed.ApplicationId), Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Another_employer_cannot_confirm_cancel_or_read_a_payment()
    {
        var employerId = Guid.CreateVersion7();
        var completed = await Fixture.CompleteJobAsync(employerId, Guid.CreateVersion7(), 120_000);
        var payment = await Fixture.CreatePaymentAsync(employerId, completed.ApplicationId);
        var paymentKey = Fixture.PaymentProvider.PayAsClient(payment.ProviderOrderId);
        using var intruder = Fixture.Client(Guid.CreateVersion7(), UserRole.Employer);

        using var confirm = await PaymentsFixture.PostAsync(intruder, "/payments/confirm", new ConfirmPayment(payment.Id, paymentKey, payment.AmountKrw), Guid.NewGuid().ToString());
        using var cancel = await PaymentsFixture.PostAsync(intruder, "/payments/cancel", new CancelPayment(payment.Id, null), Guid.NewGuid().ToString());
        using var read = await intruder.GetAsync(new Uri($"/payments/{payment.Id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, confirm.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, cancel.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        var unchanged = await Fixture.WaitForPaymentAsync(payment.Id, PaymentStatus.AwaitingPayment);
        Assert.Null(unchanged.ProviderPaymentKey);
    }

    [Fact]
    public async Task The_worker_reads_their_payment_but_may_not_create_or_confirm()
    {
        var employerId = Guid.CreateVersion7();
        var workerId = Guid.CreateVersion7();
        var completed = await Fixture.CompleteJobAsync(employerId, workerId, 120_000);
        var payment = await Fixture.CreatePaymentAsync(employerId, completed.ApplicationId);
        using var worker = Fixture.Client(workerId, UserRole.Worker);

        using var read = await worker.GetAsync(new Uri($"/payments/{payment.Id}", UriKind.Relative));
        using var create = await PaymentsFixture.PostAsync(worker, "/payments/create", new CreatePayment(completed.ApplicationId), Guid.NewGuid().ToString());
        using var confirm = await PaymentsFixture.PostAsync(worker, "/payments/confirm", new ConfirmPayment(payment.Id, "key", payment.AmountKrw), Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, confirm.StatusCode);
    }

    [Fact]
    public async Task An_employer_has_no_wallet_to_withdraw_from()
    {
        using var employer = Fixture.Client(Guid.CreateVersion7(), UserRole.Employer);

        using var wallet = await employer.GetAsync(new Uri("/payments/wallet", UriKind.Relative));
        using var withdraw = await PaymentsFixture.PostAsync(employer, "/payments/withdraw", new Withdraw(1_000), Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.Forbidden, wallet.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, withdraw.StatusCode);
    }

    [Fact]
    public async Task History_shows_only_the_callers_own_payments()
    {
        var employerId = Guid.CreateVersion7();
        var first = await Fixture.CompleteJobAsync(employerId, Guid.CreateVersion7(), 120_000);
        var second = await Fixture.CompleteJobAsync(employerId, Guid.CreateVersion7(), 130_000);
        var older = await Fixture.CreatePaymentAsync(employerId, first.ApplicationId);
        var newer = await Fixture.CreatePaymentAsync(employerId, second.ApplicationId);
        var otherEmployerId = Guid.CreateVersion7();
        await Fixture.CreatePaymentAsync(otherEmployerId, (await Fixture.CompleteJobAsync(otherEmployerId, Guid.CreateVersion7(), 110_000)).ApplicationId);
        using var client = Fixture.Client(employerId, UserRole.Employer);

        var page1 = await client.GetFromJsonAsync<HistoryPage>("/payments/history?limit=1", ContractJson.Options);
        var page2 = await client.GetFromJsonAsync<HistoryPage>($"/payments/history?limit=1&cursor={page1!.NextCursor}", ContractJson.Options);
        var page3 = await client.GetFromJsonAsync<HistoryPage>($"/payments/history?limit=1&cursor={page2!.NextCursor}", ContractJson.Options);

        Assert.Equal([newer.Id], page1.Payments.Select(p => p.Id));
        Assert.Equal([older.Id], page2.Payments.Select(p => p.Id));
        Assert.Empty(page3!.Payments);
    }

    [Fact]
    public async Task A_worker_sees_only_their_own_settlements()
    {
        var workerId = Guid.CreateVersion7();
        var paid = await Fixture.PaidWorkerAsync(workerId, 200_000);
        await Fixture.PaidWorkerAsync(Guid.CreateVersion7(), 180_000);
        using var client = Fixture.Client(workerId, UserRole.Worker);

        var history = await client.GetFromJsonAsync<HistoryPage>("/payments/history", ContractJson.Options);

        Assert.Equal([paid.Id], history!.Settlements.Select(s => s.PaymentId));
        Assert.Empty(history.Payments);
        Assert.Null(history.NextCursor);
    }
}
