using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OneDay.Contracts;
using OneDay.Payments.Ledger;
using OneDay.Payments.Tests.Infrastructure;
using OneDay.Payments.WagePayments;

namespace OneDay.Payments.Tests;

/// <summary>A payments service whose workflows retry long enough to be caught mid-way, and list as overdue at once.</summary>
public class OperatedPaymentsFixture : PaymentsFixture
{
    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["PaymentWorkflow:StepAttempts"] = "100";
        settings["PaymentWorkflow:RetryDelay"] = "00:00:00.200";
        settings["PaymentWorkflow:MaxRetryDelay"] = "00:00:00.500";
        settings["WorkflowOperations:OverdueAfter"] = "00:00:00";
        return settings;
    }
}

/// <summary>An Admin operating payment workflows through the API: the overdue list, terminate and retry, the ledger exact throughout.</summary>
public sealed class WorkflowOperationsTests(OperatedPaymentsFixture fixture) : IClassFixture<OperatedPaymentsFixture>
{
    private const string Operations = "/payments/operations/workflows";

    [Fact]
    public async Task An_admin_terminates_a_payment_stuck_at_jobs_and_after_the_fix_retries_it_to_settlement_moving_money_once()
    {
        var employerId = Guid.CreateVersion7();
        var workerId = Guid.CreateVersion7();
        var completed = await fixture.CompleteJobAsync(employerId, workerId, 200_000);
        var payment = await fixture.CreatePaymentAsync(employerId, completed.ApplicationId);
        fixture.Jobs.BeUnavailableFor(completed.ApplicationId);
        using (var confirmed = await fixture.PayAndConfirmAsync(employerId, payment))
            Assert.Equal(HttpStatusCode.Accepted, confirmed.StatusCode);
        await Testing.Eventually.TrueAsync(() => Task.FromResult(fixture.Jobs.Calls.Contains($"paid:{completed.ApplicationId}")), what: "the workflow reaching jobs");
        using var admin = fixture.Client(Guid.CreateVersion7(), UserRole.Admin);

        var listed = await ListedAsync(admin, payment.Id);
        Assert.Equal("Processing", listed.GetProperty("status").GetString());
        Assert.Equal("PaymentWorkflow", listed.GetProperty("workflowName").GetString());
        Assert.Equal("Running", listed.GetProperty("workflow").GetProperty("runtimeStatus").GetString());
        Assert.Equal("Collecting", listed.GetProperty("workflow").GetProperty("step").GetString());

        using (var whileRunning = await admin.PostAsync($"{Operations}/{payment.Id}/retry", null))
            Assert.Equal(HttpStatusCode.Conflict, whileRunning.StatusCode);
        using (var terminated = await admin.PostAsync($"{Operations}/{payment.Id}/terminate", null))
            Assert.Equal(HttpStatusCode.OK, terminated.StatusCode);
        Assert.Equal("Terminated", (await ListedAsync(admin, payment.Id)).GetProperty("workflow").GetProperty("runtimeStatus").GetString());
        await fixture.AssertLedgerBalancedAsync();

        fixture.Jobs.Recover(completed.ApplicationId);
        using (var retried = await admin.PostAsync($"{Operations}/{payment.Id}/retry", null))
            Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);

        await fixture.WaitForPaymentAsync(payment.Id, PaymentStatus.Completed);
        // Captured, escrowed and settled once, though the retried run did every step again.
        Assert.Equal(198_515, await fixture.BalanceAsync(AccountKind.WorkerWallet, workerId));
        Assert.Equal(-220_000, await fixture.BalanceAsync(AccountKind.EmployerFunding, employerId));
        Assert.Equal(1, await fixture.QueryAsync(db => db.Settlements.CountAsync(s => s.PaymentId == payment.Id)));
        Assert.Equal(1, await fixture.QueryAsync(db => db.Journals.CountAsync(j => j.Reference == PaymentJournals.EscrowReference(payment.Id))));
        await fixture.Events.WaitForAsync(received => received.Count(e => e.Topic == "payment-completed" && e.Data.GetProperty("paymentId").GetGuid() == payment.Id) == 1);
        await fixture.AssertLedgerBalancedAsync();
        using (var ended = await admin.PostAsync($"{Operations}/{payment.Id}/retry", null))
            Assert.Equal(HttpStatusCode.Conflict, ended.StatusCode);
    }

    [Fact]
    public async Task Only_an_admin_operates_payment_workflows_and_bad_or_unknown_ids_are_refused_as_problems()
    {
        var employerId = Guid.CreateVersion7();
        using var employer = fixture.Client(employerId, UserRole.Employer);
        using var admin = fixture.Client(Guid.CreateVersion7(), UserRole.Admin);
        var someId = Guid.CreateVersion7();

        foreach (var (method, path) in new[] { (HttpMethod.Get, Operations), (HttpMethod.Post, $"{Operations}/{someId}/retry"), (HttpMethod.Post, $"{Operations}/{someId}/terminate") })
        {
            using var refused = await employer.SendAsync(new HttpRequestMessage(method, path));
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }
        using var bad = await admin.PostAsync($"{Operations}/12345/terminate", null);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        using var unknown = await admin.PostAsync($"{Operations}/{someId}/retry", null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>The payment's entry in the overdue list, following the pages.</summary>
    private static async Task<JsonElement> ListedAsync(HttpClient admin, Guid paymentId)
    {
        string? cursor = null;
        do
        {
            var page = await admin.GetFromJsonAsync<JsonElement>($"{Operations}?limit=100" + (cursor is null ? "" : $"&cursor={cursor}"), ContractJson.Options);
            foreach (var item in page.GetProperty("items").EnumerateArray())
                if (item.GetProperty("paymentId").GetGuid() == paymentId) return item;
            cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null ? null : page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        throw new Xunit.Sdk.XunitException($"payment {paymentId} is not in the overdue list");
    }
}
