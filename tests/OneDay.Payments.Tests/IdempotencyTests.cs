using System.Net;
using Microsoft.EntityFrameworkCore;
using OneDay.Contracts;
using OneDay.Payments.Idempotency;
using OneDay.Payments.Tests.Infrastructure;
using OneDay.Payments.WagePayments;

namespace OneDay.Payments.Tests;

[Collection(PaymentsCollection.Name)]
public sealed class IdempotencyTests(PaymentsFixture fixture) : LedgerCheckedTest(fixture)
{
    [Fact]
    public async Task The_same_key_and_body_replays_the_first_response_and_creates_one_payment()
    {
        var employerId = Guid.CreateVersion7();
        var completed = await Fixture.CompleteJobAsync(employerId, Guid.CreateVersion7(), 120_000);
        using var client = Fixture.Client(employerId, UserRole.Employer);
        var key = Guid.NewGuid().ToString();

        using var first = await PaymentsFixture.PostAsync(client, "/payments/create", new CreatePayment(completed.ApplicationId), key);
        using var second = await PaymentsFixture.PostAsync(client, "/payments/create", new CreatePayment(completed.ApplicationId), key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(1, await Fixture.QueryAsync(db => db.Payments.CountAsync(p => p.ApplicationId == completed.ApplicationId)));
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_refused_with_422()
    {
        var employerId = Guid.CreateVersion7();
        var completed = await Fixture.CompleteJobAsync(employerId, Guid.CreateVersion7(), 120_000);
        var other = await Fixture.CompleteJobAsync(employerId, Guid.CreateVersion7(), 130_000);
        using var client = Fixture.Client(employerId, UserRole.Employer);
        var key = Guid.NewGuid().ToString();
        using var first = await PaymentsFixture.PostAsync(client, "/payments/create", new CreatePayment(completed.ApplicationId), key);

        using var second = await PaymentsFixture.PostAsync(client, "/payments/create", new CreatePayment(other.ApplicationId), key);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, second.StatusCode);
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType?.MediaType);
        Assert.False(await Fixture.QueryAsync(db => db.Payments.AnyAsync(p => p.ApplicationId == other.ApplicationId)));
    }

    [Fact]
    public async Task A_key_whose_first_request_is_still_running_answers_409()
    {
        var employerId = Guid.CreateVersion7();
        var completed = await Fixture.CompleteJobAsync(employerId, Guid.CreateVersion7(), 120_000);
        using var client = Fixture.Client(employerId, UserRole.Employer);
        var key = Guid.NewGuid().ToString();
        var request = new CreatePayment(completed.ApplicationId);
        // The first request has claimed the key and not finished: its record has no response yet.
        await Fixture.QueryAsync(async db =>
        {
            db.IdempotencyRecords.Add(new IdempotencyRecord
            {
                CallerId = employerId, Key = key, Operation = "create", CreatedAt = DateTimeOffset.UtcNow,
                RequestHash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(request, ContractJson.Options))),
            });
            return await db.SaveChangesAsync();
        });

        using var response = await PaymentsFixture.PostAsync(client, "/payments/create", request, key);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.False(await Fixture.QueryAsync(db => db.Payments.AnyAsync(p => p.ApplicationId == completed.ApplicationId)));
    }

    [Fact]
    public async Task A_replayed_confirm_answers_as_the_first_and_starts_one_workflow()
    {
        var employerId = Guid.CreateVersion7();
        var workerId = Guid.CreateVersion7();
        var completed = await Fixture.CompleteJobAsync(employerId, workerId, 200_000);
        var payment = await Fixture.CreatePaymentAsync(employerId, completed.ApplicationId);
        var confirm = new ConfirmPayment(payment.Id, Fixture.PaymentProvider.PayAsClient(payment.ProviderOrderId), payment.AmountKrw);
        using var client = Fixture.Client(employerId, UserRole.Employer);
        var key = Guid.NewGuid().ToString();

        using var first = await PaymentsFixture.PostAsync(client, "/payments/confirm", confirm, key);
        await Fixture.WaitForPaymentAsync(payment.Id, PaymentStatus.Completed);
        using var replay = await PaymentsFixture.PostAsync(client, "/payments/confirm", confirm, key);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());
        Assert.Equal(1, await Fixture.QueryAsync(db => db.Settlements.CountAsync(s => s.PaymentId == payment.Id)));
    }

    [Fact]
    public async Task A_key_older_than_a_day_is_free_again()
    {
        var employerId = Guid.CreateVersion7();
        var completed = await Fixture.CompleteJobAsync(employerId, Guid.CreateVersion7(), 120_000);
        using var client = Fixture.Client(employerId, UserRole.Employer);
        var key = Guid.NewGuid().ToString();
        await Fixture.QueryAsync(async db =>
        {
            db.IdempotencyRecords.Add(new IdempotencyRecord
            {
                CallerId = employerId, Key = key, Operation = "cancel", RequestHash = "00", ResponseStatus = 200, ResponseBody = [],
                CreatedAt = DateTimeOffset.UtcNow - IdempotencyFilter.Retention - TimeSpan.FromMinutes(1),
            });
            return await db.SaveChangesAsync();
        });

        using var response = await PaymentsFixture.PostAsync(client, "/payments/create", new CreatePayment(completed.ApplicationId), key);
        using var replay = await PaymentsFixture.PostAsync(client, "/payments/create", new CreatePayment(completed.ApplicationId), key);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        // The old record was taken over, not kept: the key now replays the new request's response.
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.True(replay.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(await response.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/payments/create")]
    [InlineData("/payments/confirm")]
    [InlineData("/payments/cancel")]
    public async Task A_money_moving_post_without_a_key_is_refused_with_400(string path)
    {
        var employerId = Guid.CreateVersion7();
        var completed = await Fixture.CompleteJobAsync(employerId, Guid.CreateVersion7(), 120_000);
        using var client = Fixture.Client(employerId, UserRole.Employer);
        object body = path switch
        {
            "/payments/create" => new CreatePayment(completed.ApplicationId),
            "/payments/confirm" => new ConfirmPayment(Guid.CreateVersion7(), "key", 132_000),
            _ => new CancelPayment(Guid.CreateVersion7(), null),
        };

        using var response = await PaymentsFixture.PostAsync(client, path, body, idempotencyKey: null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Idempotency-Key", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await Fixture.QueryAsync(db => db.Payments.AnyAsync(p => p.ApplicationId == completed.ApplicationId)));
    }

    [Fact]
    public async Task A_withdrawal_without_a_key_is_refused_with_400()
    {
        using var client = Fixture.Client(Guid.CreateVersion7(), UserRole.Worker);

        using var response = await PaymentsFixture.PostAsync(client, "/payments/withdraw", new { amountKrw = 1_000 }, idempotencyKey: null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
