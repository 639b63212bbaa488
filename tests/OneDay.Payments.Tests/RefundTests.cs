using System.Net;
using System.Net.Http.Json;
using OneDay.Contracts;
using OneDay.Payments.Ledger;
using OneDay.Payments.Tests.Infrastructure;
using OneDay.Payments.WagePayments;
using OneDay.Payments.Wallet;

namespace OneDay.Payments.Tests;

[Collection(PaymentsCollection.Name)]
public sealed class RefundTests(PaymentsFixture fixture) : LedgerCheckedTest(fixture)
{
    [Fact]
    public async Task A_payment_cancelled_before_it_was_paid_is_cancelled_and_moves_no_money()
    {
        var employerId = Guid.CreateVersion7();
        var completed = await Fixture.CompleteJobAsync(employerId, Guid.CreateVersion7(), 120_000);
        var payment = await Fixture.CreatePaymentAsync(employerId, completed.ApplicationId);
        using var client = Fixture.Client(employerId, UserRole.Employer);

        using var response = await PaymentsFixture.PostAsync(client, "/payments/cancel", new CancelPayment(payment.Id, "중복 결제"), Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Fixture.WaitForPaymentAsync(payment.Id, PaymentStatus.Cancelled);
        Assert.Equal(0, await Fixture.BalanceAsync(AccountKind.EmployerFunding, employerId));
    }

    [Fact]
    public async Task A_completed_payment_is_refunded_while_the_money_is_still_in_the_wallet()
    {
        var workerId = Guid.CreateVersion7();
        var paid = await Fixture.PaidWorkerAsync(workerId, 200_000);
        var fees = await Fixture.BalanceAsync(AccountKind.PlatformFees, null);
        using var client = Fixture.Client(paid.EmployerId, UserRole.Employer);

        using var response = await PaymentsFixture.PostAsync(client, "/payments/cancel", new CancelPayment(paid.Id, "근무 불이행"), Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await Fixture.WaitForPaymentAsync(paid.Id, PaymentStatus.Refunded);
        Assert.Equal(0, await Fixture.BalanceAsync(AccountKind.WorkerWallet, workerId));
        Assert.Equal(0, await Fixture.BalanceAsync(AccountKind.EmployerFunding, paid.EmployerId));
        Assert.Equal(fees - 20_000, await Fixture.BalanceAsync(AccountKind.PlatformFees, null));
        Assert.Equal(0, Fixture.PaymentProvider.NetCapturedKrw(paid.ProviderOrderId));
        // Jobs hears of the refund by the workflow's call, once; payment-refunded is for whoever else may care.
        Assert.Single(Fixture.Jobs.Calls, call => call == $"unpaid:{paid.ApplicationId}");
        var events = await Fixture.Events.WaitForAsync(received => received.Any(e => e.Topic == "payment-refunded" && e.Data.GetProperty("paymentId").GetGuid() == paid.Id));
        var refunded = events.Single(e => e.Topic == "payment-refunded" && e.Data.GetProperty("paymentId").GetGuid() == paid.Id).Data;
        Assert.Equal(220_000, refunded.GetProperty("amountKrw").GetInt64());
        Assert.Equal("근무 불이행", refunded.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_refund_after_the_worker_withdrew_is_refused_and_changes_nothing()
    {
        var workerId = Guid.CreateVersion7();
        var paid = await Fixture.PaidWorkerAsync(workerId, 200_000);
        using var worker = Fixture.Client(workerId, UserRole.Worker);
        using var withdrawn = await PaymentsFixture.PostAsync(worker, "/payments/withdraw", new Withdraw(100_000), Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.Created, withdrawn.StatusCode);
        var before = await Fixture.BalancesAsync();
        using var employer = Fixture.Client(paid.EmployerId, UserRole.Employer);

        using var response = await PaymentsFixture.PostAsync(employer, "/payments/cancel", new CancelPayment(paid.Id, "환불 요청"), Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(before, await Fixture.BalancesAsync());
        var payment = await employer.GetFromJsonAsync<PaymentView>($"/payments/{paid.Id}", ContractJson.Options);
        Assert.Equal(nameof(PaymentStatus.Completed), payment!.Status);
        Assert.Equal(220_000, Fixture.PaymentProvider.NetCapturedKrw(paid.ProviderOrderId));
    }
}
