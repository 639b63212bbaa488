using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Dapr.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneDay.Contracts;
using OneDay.Contracts.Jobs;
using OneDay.Payments.Data;
using OneDay.Payments.Ledger;
using OneDay.Payments.Providers;
using OneDay.Payments.WagePayments;
using OneDay.Testing;

namespace OneDay.Payments.Tests.Infrastructure;

/// <summary>
/// The payments service on a fresh database beside its sidecar, with a jobs double and an event probe on
/// every topic payments publishes, in one emulator cluster; shared by every test class.
/// </summary>
public class PaymentsFixture : IAsyncLifetime
{
    public static readonly string[] PublishedTopics =
        ["payment-completed", "payment-failed", "payment-refunded", "settlement-created", "withdrawal-requested", "withdrawal-completed", "filing-deadline-approaching"];

    public DaprTestEnvironment Dapr { get; } = new();

    public TestDatabase Database { get; private set; } = null!;

    public ServiceTestHost<Program> Service { get; private set; } = null!;

    public JobsDouble Jobs { get; private set; } = null!;

    public UsersDouble Users { get; private set; } = null!;

    public EventProbe Events { get; private set; } = null!;

    public SandboxPaymentProvider PaymentProvider => Service.Services.GetRequiredService<SandboxPaymentProvider>();

    public SandboxPayoutProvider PayoutProvider => Service.Services.GetRequiredService<SandboxPayoutProvider>();

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync("oneday_payments_test");
        Dapr.WithSecret("ConnectionStrings:payments", Database.ConnectionString).WithSecret("ResidentNumbers:EncryptionKey", ResidentNumberKey());
        Jobs = await JobsDouble.StartAsync(Dapr);
        Users = await UsersDouble.StartAsync(Dapr);
        Events = await EventProbe.StartAsync(Dapr, "probe", PublishedTopics);
        Service = await StartPaymentsAsync();
    }

    /// <summary>A fresh AES-256 key for resident numbers, as scripts/dev-secrets.sh makes one.</summary>
    public static string ResidentNumberKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>Settings fast enough for tests: quick retries, a short retry budget, frequent sweeps.</summary>
    protected virtual Dictionary<string, string?> Settings() => new()
    {
        ["Outbox:SweepInterval"] = "00:00:00.200",
        ["Outbox:InitialBackoff"] = "00:00:00.100",
        ["PaymentWorkflow:RetryDelay"] = "00:00:00.100",
        ["PaymentWorkflow:MaxRetryDelay"] = "00:00:00.300",
        ["PaymentWorkflow:StepAttempts"] = "3",
        ["WithdrawalRecovery:Sweep"] = "00:00:02",
        ["PlatformFee:BasisPoints"] = "1000",
    };

    /// <summary>
    /// Stops the payments app and its sidecar, as a crash would, and starts a new one on the same database; with
    /// <paramref name="services"/>, a build that differs (an older workflow definition).
    /// </summary>
    public async Task RestartPaymentsAsync(Action<IServiceCollection>? services = null)
    {
        await Service.DisposeAsync();
        Service = await StartPaymentsAsync(services);
    }

    private Task<ServiceTestHost<Program>> StartPaymentsAsync(Action<IServiceCollection>? services = null) => Dapr.StartServiceAsync<Program>("payments", Settings(), services);

    public HttpClient Client(Guid userId, UserRole role) => Service.CreateClient(TestTokens.For(userId, role));

    public async Task<T> QueryAsync<T>(Func<PaymentsDbContext, Task<T>> query)
    {
        await using var scope = Service.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<PaymentsDbContext>());
    }

    /// <summary>
    /// Jobs announces a completed application, as it would (a day's work at <paramref name="wageKrw"/> per
    /// <paramref name="wageUnit"/>); returns once payments has recorded it as payable.
    /// </summary>
    public async Task<JobCompleted> CompleteJobAsync(
        Guid employerId, Guid workerId, long wageKrw, string wageUnit = "Daily", int minutesWorked = 480, DateTimeOffset? completedAt = null)
    {
        var completed = new JobCompleted(Guid.CreateVersion7(), Guid.CreateVersion7(), employerId, workerId, wageKrw, wageUnit, minutesWorked, completedAt ?? DateTimeOffset.UtcNow)
        {
            EventId = Guid.NewGuid(),
            OccurredAt = DateTimeOffset.UtcNow,
        };
        await Service.Services.GetRequiredService<DaprClient>().PublishEventAsync("pubsub", IntegrationEventTopics.Of<JobCompleted>(), completed);
        await Eventually.TrueAsync(() => QueryAsync(db => db.OwedWages.AnyAsync(a => a.ApplicationId == completed.ApplicationId)),
            what: "the completed job becoming payable");
        return completed;
    }

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object body, string? idempotencyKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: ContractJson.Options) };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await client.SendAsync(request);
    }

    public async Task<PaymentView> CreatePaymentAsync(Guid employerId, Guid applicationId)
    {
        using var client = Client(employerId, UserRole.Employer);
        using var response = await PostAsync(client, "/payments/create", new CreatePayment(applicationId), Guid.NewGuid().ToString());
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<PaymentView>(ContractJson.Options))!;
    }

    /// <summary>The client pays the PG's order and the employer's app confirms it.</summary>
    public async Task<HttpResponseMessage> PayAndConfirmAsync(Guid employerId, PaymentView payment)
    {
        var paymentKey = PaymentProvider.PayAsClient(payment.ProviderOrderId);
        using var client = Client(employerId, UserRole.Employer);
        return await PostAsync(client, "/payments/confirm", new ConfirmPayment(payment.Id, paymentKey, payment.AmountKrw), Guid.NewGuid().ToString());
    }

    public async Task<Payment> WaitForPaymentAsync(Guid paymentId, PaymentStatus status)
    {
        await Eventually.TrueAsync(async () => (await QueryAsync(db => db.Payments.AsNoTracking().SingleAsync(p => p.Id == paymentId))).Status == status,
            TimeSpan.FromSeconds(30), $"payment {paymentId} becoming {status}");
        return await QueryAsync(db => db.Payments.AsNoTracking().SingleAsync(p => p.Id == paymentId));
    }

    /// <summary>The employer pays a completed application and waits for it to settle.</summary>
    public async Task<Payment> PayAsync(Guid employerId, Guid applicationId)
    {
        var payment = await CreatePaymentAsync(employerId, applicationId);
        using var confirmed = await PayAndConfirmAsync(employerId, payment);
        Assert.Equal(HttpStatusCode.Accepted, confirmed.StatusCode);
        return await WaitForPaymentAsync(payment.Id, PaymentStatus.Completed);
    }

    /// <summary>A worker with <paramref name="wageKrw"/> (gross) settled into their wallet through a whole payment.</summary>
    public async Task<Payment> PaidWorkerAsync(Guid workerId, long wageKrw)
    {
        var employerId = Guid.CreateVersion7();
        var completed = await CompleteJobAsync(employerId, workerId, wageKrw);
        return await PayAsync(employerId, completed.ApplicationId);
    }

    /// <summary>Every account's balance, derived from its postings.</summary>
    public Task<Dictionary<(AccountKind Kind, Guid? Owner), long>> BalancesAsync() => QueryAsync(async db =>
        (await db.LedgerAccounts.AsNoTracking()
            .Select(a => new { a.Kind, a.OwnerId, Balance = db.Postings.Where(p => p.AccountId == a.Id).Sum(p => p.AmountKrw) })
            .ToListAsync())
        .ToDictionary(a => (a.Kind, a.OwnerId), a => a.Balance));

    public async Task<long> BalanceAsync(AccountKind kind, Guid? owner) => (await BalancesAsync()).GetValueOrDefault((kind, owner));

    /// <summary>
    /// The ledger's invariants, checked after every test with the service's own check (the one operators
    /// call): Σ(all postings) = 0, every journal sums to zero and has postings, no wallet below zero.
    /// </summary>
    public async Task AssertLedgerBalancedAsync()
    {
        await using var scope = Service.Services.CreateAsyncScope();
        var check = await scope.ServiceProvider.GetRequiredService<MoneyLedger>().CheckAsync(CancellationToken.None);
        Assert.Equal(0, check.TotalKrw);
        Assert.Equal(0, check.UnbalancedJournals);
        Assert.Equal(0, check.EmptyJournals);
        Assert.Equal(0, check.NegativeWallets);
    }

    public virtual async Task DisposeAsync()
    {
        await Dapr.DisposeAsync();
        await Jobs.DisposeAsync();
        await Users.DisposeAsync();
        await Events.DisposeAsync();
        await Database.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class PaymentsCollection : ICollectionFixture<PaymentsFixture>
{
    public const string Name = "payments";
}

/// <summary>Every service test checks the ledger's invariants when it ends.</summary>
public abstract class LedgerCheckedTest(PaymentsFixture fixture) : IAsyncLifetime
{
    protected PaymentsFixture Fixture { get; } = fixture;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => Fixture.AssertLedgerBalancedAsync();
}
