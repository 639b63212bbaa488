using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OneDay.Contracts;
using OneDay.Payments.Ledger;
using OneDay.Payments.Tests.Infrastructure;
using OneDay.Payments.WagePayments;

namespace OneDay.Payments.Tests;

/// <summary>The operated payments service (workflows held at a failing step long enough), processing one payment at a time.</summary>
public sealed class OneAtATimePaymentsFixture : OperatedPaymentsFixture
{
    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["PaymentWorkflow:MaxProcessing"] = "1";
        return settings;
    }
}

/// <summary>
/// Admission at confirm: while as many payments are processing as the workflows are allowed, a confirm is turned
/// away as busy and changes nothing; the employer's app sends the same request again later and it goes through.
/// </summary>
public sealed class ConfirmAdmissionTests(OneAtATimePaymentsFixture fixture) : IClassFixture<OneAtATimePaymentsFixture>
{
    [Fact]
    public async Task A_confirm_while_the_processing_limit_is_reached_is_told_to_come_back_changes_nothing_and_the_same_request_later_settles()
    {
        var (firstEmployer, secondEmployer, secondWorker) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        var held = await fixture.CompleteJobAsync(firstEmployer, Guid.CreateVersion7(), 150_000);
        var heldPayment = await fixture.CreatePaymentAsync(firstEmployer, held.ApplicationId);
        fixture.Jobs.BeUnavailableFor(held.ApplicationId);
        using (var confirmed = await fixture.PayAndConfirmAsync(firstEmployer, heldPayment))
            Assert.Equal(HttpStatusCode.Accepted, confirmed.StatusCode);
        await Testing.Eventually.TrueAsync(() => Task.FromResult(fixture.Jobs.Calls.Contains($"paid:{held.ApplicationId}")), what: "the first payment's workflow waiting at jobs");

        var waiting = await fixture.CompleteJobAsync(secondEmployer, secondWorker, 200_000);
        var payment = await fixture.CreatePaymentAsync(secondEmployer, waiting.ApplicationId);
        var confirm = new ConfirmPayment(payment.Id, fixture.PaymentProvider.PayAsClient(payment.ProviderOrderId), payment.AmountKrw);
        var idempotencyKey = Guid.NewGuid().ToString();
        using var employer = fixture.Client(secondEmployer, UserRole.Employer);
        using (var busy = await PaymentsFixture.PostAsync(employer, "/payments/confirm", confirm, idempotencyKey))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, busy.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(2), busy.Headers.RetryAfter?.Delta);
            Assert.Equal("application/problem+json", busy.Content.Headers.ContentType?.MediaType);
            var problem = await busy.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(429, problem.GetProperty("status").GetInt32());
            Assert.Contains("잠시 후", problem.GetProperty("detail").GetString());
        }
        var untouched = await fixture.QueryAsync(db => db.Payments.AsNoTracking().SingleAsync(p => p.Id == payment.Id));
        Assert.Equal(PaymentStatus.AwaitingPayment, untouched.Status);
        Assert.Null(untouched.ProviderPaymentKey);
        Assert.Equal(0, await fixture.BalanceAsync(AccountKind.EmployerFunding, secondEmployer));

        fixture.Jobs.Recover(held.ApplicationId);
        await fixture.WaitForPaymentAsync(heldPayment.Id, PaymentStatus.Completed);
        // The same request, key and all: the busy answer released the key rather than being kept for replays.
        using (var again = await PaymentsFixture.PostAsync(employer, "/payments/confirm", confirm, idempotencyKey))
            Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        await fixture.WaitForPaymentAsync(payment.Id, PaymentStatus.Completed);
        Assert.Equal(payment.NetToWorkerKrw, await fixture.BalanceAsync(AccountKind.WorkerWallet, secondWorker));
        await fixture.AssertLedgerBalancedAsync();
    }
}
