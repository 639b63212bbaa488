extern alias payments;

using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OneDay.Contracts;
using OneDay.Contracts.Jobs;
using OneDay.Testing;
using ConfirmPayment = payments::OneDay.Payments.WagePayments.ConfirmPayment;
using CreatePayment = payments::OneDay.Payments.WagePayments.CreatePayment;
using PaymentsProgram = payments::Program;
using PaymentView = payments::OneDay.Payments.WagePayments.PaymentView;
using PaymentWorkflow = payments::OneDay.Payments.Workflows.PaymentWorkflow;
using SandboxPaymentProvider = payments::OneDay.Payments.Providers.SandboxPaymentProvider;
using WalletView = payments::OneDay.Payments.Wallet.WalletView;

namespace OneDay.Benchmarks;

/// <summary>
/// Payment confirm at 50 concurrent clients (budget: ≥ 300/s, ledger balanced to the won). Each client
/// is an employer with its own completed applications, paid as the payments tests pay them: jobs announces
/// job-completed, the employer creates the payment, the client pays the sandbox PG, the employer confirms.
/// </summary>
public static class PaymentsScenario
{
    private const int Workers = 100;

    public static async Task<ScenarioReport> RunAsync(BenchmarkContext context)
    {
        var (settings, time, cancellationToken) = (context.Settings, context.Time, context.CancellationToken);
        await using var stack = await ServiceStack.StartAsync<PaymentsProgram>("payments", usesRedis: false, new Dictionary<string, string?>(), beside: dapr =>
        {
            dapr.WithSecret("ResidentNumbers:EncryptionKey", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            return Task.CompletedTask;
        });
        // The saga's third step asks jobs to mark the application paid; jobs' own rules are not what is measured.
        await using var jobs = await JobsDouble.StartAsync(stack.Dapr);

        var employers = Enumerable.Range(0, settings.PaymentClients).Select(_ => Guid.CreateVersion7()).ToList();
        var workers = Enumerable.Range(0, Math.Min(Workers, settings.Payments)).Select(_ => Guid.CreateVersion7()).ToList();
        var completed = Enumerable.Range(0, settings.Payments).Select(i => new JobCompleted(
                Guid.CreateVersion7(), Guid.CreateVersion7(), employers[i % employers.Count], workers[i % workers.Count],
                // Uneven wages, so fees and withheld taxes round differently from payment to payment.
                100_000 + (i % 97 * 1_370), "Daily", 480, time.GetUtcNow())
            { EventId = Guid.NewGuid(), OccurredAt = time.GetUtcNow() })
            .ToList();
        await stack.PublishAsync(completed, cancellationToken);
        await stack.WaitForCountAsync("SELECT count(*) FROM payable_assignments", completed.Count, "every completed job becoming payable", cancellationToken);

        var clients = employers.ToDictionary(e => e, e => stack.Service.CreateClient(TestTokens.For(e, UserRole.Employer)));
        try
        {
            var created = new ConcurrentBag<PaymentView>();
            var create = await LoadRun.MeasureEachAsync("create payment (POST /payments/create)",
                employers.Select(e => (IReadOnlyList<JobCompleted>)completed.Where(c => c.EmployerId == e).ToList()).ToList(),
                async job =>
                {
                    using var response = await PostAsync(clients[job.EmployerId], "/payments/create", new CreatePayment(job.ApplicationId), cancellationToken);
                    if (response.StatusCode != HttpStatusCode.Created) return false;
                    created.Add((await response.Content.ReadFromJsonAsync<PaymentView>(ContractJson.Options, cancellationToken))!);
                    return true;
                }, cancellationToken);

            var payments = created.ToList();
            var provider = stack.Service.Services.GetRequiredService<SandboxPaymentProvider>();
            var paid = payments.Select(p => (Payment: p, Key: provider.PayAsClient(p.ProviderOrderId))).ToList();
            var floor = await LoadRun.MeasureAsync("authenticated GET /payments/{id}", employers.Count, settings.Duration, settings.WarmUp, async _ =>
            {
                var payment = payments[Random.Shared.Next(payments.Count)];
                using var response = await clients[payment.EmployerId].GetAsync(new Uri($"/payments/{payment.Id}", UriKind.Relative), cancellationToken);
                return response.IsSuccessStatusCode;
            }, cancellationToken);

            // When each accepted confirm was sent, and when its first try was: its settlement is timed from both. A confirm
            // turned away as busy is sent again, key and all, after the Retry-After it was given, as an employer's app does.
            var accepted = new ConcurrentDictionary<Guid, DateTimeOffset>();
            var firstTried = new ConcurrentDictionary<Guid, DateTimeOffset>();
            var turnedAway = 0;
            async Task<bool> ConfirmAsync((PaymentView Payment, string Key) item)
            {
                var body = new ConfirmPayment(item.Payment.Id, item.Key, item.Payment.AmountKrw);
                var idempotencyKey = Guid.NewGuid().ToString();
                firstTried[item.Payment.Id] = time.GetUtcNow();
                while (true)
                {
                    var sentAt = time.GetUtcNow();
                    using var response = await PostAsync(clients[item.Payment.EmployerId], "/payments/confirm", body, idempotencyKey, cancellationToken);
                    if (response.StatusCode == HttpStatusCode.TooManyRequests && response.Headers.RetryAfter?.Delta is { } wait)
                    {
                        Interlocked.Increment(ref turnedAway);
                        await Task.Delay(wait, time, cancellationToken);
                        continue;
                    }
                    if (response.StatusCode != HttpStatusCode.Accepted) return false;
                    accepted[item.Payment.Id] = sentAt;
                    return true;
                }
            }
            // Each client's first confirm warms the path (JIT, pooled connections, the actor runtime) and is not counted.
            var perClient = employers.Select(e => paid.Where(p => p.Payment.EmployerId == e).ToList()).ToList();
            var warmUps = await Task.WhenAll(perClient.Where(own => own.Count > 0).Select(own => ConfirmAsync(own[0])));
            if (warmUps.Contains(false)) throw new InvalidOperationException($"{warmUps.Count(ok => !ok)} warm-up confirms were not accepted");
            var confirm = await LoadRun.MeasureEachAsync("confirm (POST /payments/confirm → 202)",
                perClient.Select(own => (IReadOnlyList<(PaymentView, string)>)own.Skip(1).ToList()).ToList(), ConfirmAsync, cancellationToken);

            var (started, settled, settledSinceFirstTry) = await SettledAsync(stack, employers.Count, accepted, firstTried, cancellationToken);
            var ledger = await CheckLedgerAsync(stack, payments, cancellationToken);
            return new ScenarioReport("payments", $"payment confirm, {employers.Count} concurrent clients",
                $"{payments.Count:N0} payments of {workers.Count} workers, each client an employer confirming its own payments one after another " +
                "(its first confirm is a warm-up, not counted). The floor is an authenticated primary-key read on the same service at the same " +
                "concurrency. Confirm answers 202 once the payment is Processing; the saga (capture, ledger, jobs, settlement) finishes after it, " +
                "shown as the peer rows confirm → workflow started (its outbox row issued) and confirm → settled. While " +
                "PaymentWorkflow:MaxProcessing payments are processing, a confirm is answered 429 with Retry-After and the client sends it " +
                string.Create(CultureInfo.InvariantCulture, $"again then ({turnedAway:N0} such answers in this run); the last row times settlement from a confirm's first try, ") +
                "waits included. Then the ledger is checked to the won.",
                [
                    new ReportRow(floor, RowRole.Floor),
                    new ReportRow(create, RowRole.Peer),
                    new ReportRow(confirm, RowRole.Measured, new RowBudget("≥ 300/s", r => r.Throughput >= 300)),
                    new ReportRow(started, RowRole.Peer),
                    // The saga keeps up: settled at nine tenths of the confirm rate at least, none waiting long.
                    new ReportRow(settled, RowRole.Peer, new RowBudget("p95 ≤ 5 s, ≥ 90% of confirms/s",
                        r => r.Percentile(95) <= 5_000 && r.Throughput >= 0.9 * confirm.Throughput)),
                    new ReportRow(settledSinceFirstTry, RowRole.Peer),
                ],
                [ledger],
                []);
        }
        finally
        {
            foreach (var client in clients.Values) client.Dispose();
        }
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object body, CancellationToken cancellationToken) =>
        await PostAsync(client, path, body, Guid.NewGuid().ToString(), cancellationToken);

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object body, string idempotencyKey, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: ContractJson.Options) };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await client.SendAsync(request, cancellationToken);
    }

    /// <summary>
    /// Waits for the saga of every accepted confirm to finish, then reads when each payment's workflow was started
    /// (its outbox row marked sent: the start answered once the instance was saved) and when it was settled:
    /// latencies per payment from the accepted confirm's sending (and, for settlement, from its first try too), and rates over
    /// the whole span. A failed saga is a failure.
    /// </summary>
    private static async Task<(LoadResult Started, LoadResult Settled, LoadResult SettledSinceFirstTry)> SettledAsync(
        ServiceStack<PaymentsProgram> stack, int clients, ConcurrentDictionary<Guid, DateTimeOffset> confirmStarted,
        ConcurrentDictionary<Guid, DateTimeOffset> firstTried, CancellationToken cancellationToken)
    {
        await stack.WaitForCountAsync("SELECT count(*) FROM payments WHERE status IN ('Completed', 'Failed')", confirmStarted.Count, "every payment saga finishing", cancellationToken);
        await using var dataSource = NpgsqlDataSource.Create(stack.Database.ConnectionString);
        var startedAt = await TimesAsync(dataSource,
            $"SELECT (payload->>'instanceId')::uuid, sent_at FROM outbox_messages WHERE topic = 'workflow:{nameof(PaymentWorkflow)}' AND sent_at IS NOT NULL", cancellationToken);
        var settledAt = await TimesAsync(dataSource, "SELECT id, settled_at FROM payments WHERE status = 'Completed'", cancellationToken);
        return (LoadRun.Between("confirm → workflow started (outbox)", clients, confirmStarted, startedAt),
            LoadRun.Between("confirm → settled (saga finished)", clients, confirmStarted, settledAt),
            LoadRun.Between("first try of a confirm → settled (waits when turned away included)", clients, firstTried, settledAt));
    }

    private static async Task<Dictionary<Guid, DateTimeOffset>> TimesAsync(NpgsqlDataSource dataSource, string sql, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var times = new Dictionary<Guid, DateTimeOffset>();
        while (await reader.ReadAsync(cancellationToken)) times[reader.GetGuid(0)] = reader.GetFieldValue<DateTimeOffset>(1);
        return times;
    }

    /// <summary>
    /// The ledger to the won: every posting sums to zero, so does every journal, and every worker's wallet —
    /// as GET /payments/wallet shows it and as its postings sum — holds exactly the net pay of their payments.
    /// </summary>
    private static async Task<ScenarioCheck> CheckLedgerAsync(ServiceStack<PaymentsProgram> stack, IReadOnlyList<PaymentView> payments, CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(stack.Database.ConnectionString);
        async Task<long> ScalarAsync(string sql)
        {
            await using var command = dataSource.CreateCommand(sql);
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }
        var total = await ScalarAsync("SELECT coalesce(sum(amount_krw), 0) FROM postings");
        var unbalancedJournals = await ScalarAsync("SELECT count(*) FROM (SELECT journal_id FROM postings GROUP BY journal_id HAVING sum(amount_krw) <> 0) j");

        var posted = new Dictionary<Guid, long>();
        await using (var command = dataSource.CreateCommand(
            "SELECT a.owner_id, sum(p.amount_krw) FROM ledger_accounts a JOIN postings p ON p.account_id = a.id WHERE a.kind = 'WorkerWallet' GROUP BY a.owner_id"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken)) posted[reader.GetGuid(0)] = reader.GetInt64(1);
        }
        var wrongWallets = new List<string>();
        foreach (var worker in payments.GroupBy(p => p.WorkerId))
        {
            using var client = stack.Service.CreateClient(TestTokens.For(worker.Key, UserRole.Worker));
            var wallet = await client.GetFromJsonAsync<WalletView>(new Uri("/payments/wallet", UriKind.Relative), ContractJson.Options, cancellationToken);
            var expected = worker.Sum(p => p.NetToWorkerKrw);
            var sum = posted.GetValueOrDefault(worker.Key);
            if (wallet!.AvailableKrw != expected || sum != expected)
                wrongWallets.Add(string.Create(CultureInfo.InvariantCulture, $"{worker.Key}: net pay {expected}, wallet {wallet.AvailableKrw}, postings {sum}"));
        }
        var workers = payments.Select(p => p.WorkerId).Distinct().Count();
        return new ScenarioCheck(
            "ledger balanced to the won (Σ postings = 0, every journal = 0, every wallet = its postings = net pay)",
            string.Create(CultureInfo.InvariantCulture,
                $"Σ postings {total} ₩, {unbalancedJournals} unbalanced journals, {workers - wrongWallets.Count}/{workers} wallets exact{(wrongWallets.Count == 0 ? "" : " (" + string.Join("; ", wrongWallets.Take(3)) + ")")}"),
            total == 0 && unbalancedJournals == 0 && wrongWallets.Count == 0,
            Invariant: true);
    }
}
