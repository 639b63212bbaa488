using System.Net;
using System.Net.Http.Json;
using OneDay.Contracts;
using OneDay.Payments.Providers;
using OneDay.Payments.Tests.Infrastructure;
using OneDay.Payments.WagePayments;

namespace OneDay.Payments.Tests;

/// <summary>The sandbox PG's checkout over HTTP: how a client pays without the test reaching into the service.</summary>
[Collection(PaymentsCollection.Name)]
public sealed class SandboxCheckoutTests(PaymentsFixture fixture) : LedgerCheckedTest(fixture)
{
    [Fact]
    public async Task A_client_pays_on_the_sandbox_checkout_and_confirms_with_the_key_it_got()
    {
        var employerId = Guid.CreateVersion7();
        var completed = await Fixture.CompleteJobAsync(employerId, Guid.CreateVersion7(), 120_000);
        var payment = await Fixture.CreatePaymentAsync(employerId, completed.ApplicationId);
        using var employer = Fixture.Client(employerId, UserRole.Employer);

        using var checkout = await employer.PostAsJsonAsync($"/payments/sandbox/checkout/{payment.Id}", new { });
        var paid = await checkout.Content.ReadFromJsonAsync<SandboxCheckoutResult>();
        using var confirm = await PaymentsFixture.PostAsync(employer, "/payments/confirm", new ConfirmPayment(payment.Id, paid!.PaymentKey, paid.AmountKrw), Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.OK, checkout.StatusCode);
        Assert.Equal(payment.AmountKrw, paid.AmountKrw);
        Assert.Equal(payment.ProviderOrderId, paid.OrderId);
        Assert.Equal(HttpStatusCode.Accepted, confirm.StatusCode);
        await Fixture.WaitForPaymentAsync(payment.Id, PaymentStatus.Completed);
    }

    [Fact]
    public async Task A_declining_test_card_makes_the_confirm_fail_and_nothing_is_posted()
    {
        var employerId = Guid.CreateVersion7();
        var workerId = Guid.CreateVersion7();
        var completed = await Fixture.CompleteJobAsync(employerId, workerId, 120_000);
        var payment = await Fixture.CreatePaymentAsync(employerId, completed.ApplicationId);
        using var employer = Fixture.Client(employerId, UserRole.Employer);

        using var checkout = await employer.PostAsJsonAsync($"/payments/sandbox/checkout/{payment.Id}", new SandboxCheckout(SandboxFailure.Declined));
        var paid = await checkout.Content.ReadFromJsonAsync<SandboxCheckoutResult>();
        using var confirm = await PaymentsFixture.PostAsync(employer, "/payments/confirm", new ConfirmPayment(payment.Id, paid!.PaymentKey, paid.AmountKrw), Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.Accepted, confirm.StatusCode);
        var failed = await Fixture.WaitForPaymentAsync(payment.Id, PaymentStatus.Failed);
        Assert.Contains("거절", failed.FailureReason, StringComparison.Ordinal);
        Assert.Equal(0, await Fixture.BalanceAsync(Ledger.AccountKind.WorkerWallet, workerId));
    }

    [Fact]
    public async Task Only_the_paying_employer_reaches_the_checkout_of_an_unpaid_order()
    {
        var employerId = Guid.CreateVersion7();
        var completed = await Fixture.CompleteJobAsync(employerId, Guid.CreateVersion7(), 120_000);
        var payment = await Fixture.CreatePaymentAsync(employerId, completed.ApplicationId);
        using var intruder = Fixture.Client(Guid.CreateVersion7(), UserRole.Employer);
        using var employer = Fixture.Client(employerId, UserRole.Employer);

        using var foreign = await intruder.PostAsJsonAsync($"/payments/sandbox/checkout/{payment.Id}", new { });
        using var unknownCard = await employer.PostAsync(new Uri($"/payments/sandbox/checkout/{payment.Id}", UriKind.Relative),
            new StringContent("""{"failure":"Stolen"}""", System.Text.Encoding.UTF8, "application/json"));
        await (await Fixture.PayAndConfirmAsync(employerId, payment)).Content.ReadAsStringAsync();
        await Fixture.WaitForPaymentAsync(payment.Id, PaymentStatus.Completed);
        using var afterPaying = await employer.PostAsJsonAsync($"/payments/sandbox/checkout/{payment.Id}", new { });

        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknownCard.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, afterPaying.StatusCode);
    }
}
