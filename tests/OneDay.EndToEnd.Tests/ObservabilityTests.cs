using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using OneDay.EndToEnd.Tests.Infrastructure;
using OneDay.Testing;

namespace OneDay.EndToEnd.Tests;

/// <summary>
/// What the on-call engineer sees of a day's work: a real Prometheus scraping every app and evaluating the
/// repository's rules, and the log lines every service ships to Loki's push API. On the system whose events go
/// through RabbitMQ (what is watched does not depend on the broker), so the project's two systems, which run side by
/// side, each have about half of its tests.
/// </summary>
[Collection(RabbitMqSystemCollection.Name)]
public sealed partial class ObservabilityTests(OneDaySystemOnRabbitMq system)
{
    private static readonly string[] Apps = ["gateway", "users", "jobs", "payments", "search", "notifications", "chat", "web"];

    // The same alert rules, on seconds: an outbox row three seconds old pages in this test.
    private const string FastThresholds = """
        groups:
          - name: oneday-thresholds
            rules:
              - record: oneday:threshold:outbox_lag_seconds
                expr: vector(3)
        """;

    [Fact]
    public async Task A_day_of_work_shows_in_prometheus_and_the_apply_request_in_the_logs_of_four_services_without_personal_data()
    {
        await using var prometheus = await PrometheusServer.StartAsync(system, Apps, FastThresholds);
        await Eventually.TrueAsync(async () => await prometheus.ValueAsync("count(up{job=\"oneday-apps\"} == 1)") == Apps.Length, TimeSpan.FromSeconds(20), "every app scraped");
        var began = Stopwatch.StartNew();

        await using var employer = await OneDayClient.SignUpAsync(system, "Employer", "관제사장");
        await using var worker = await OneDayClient.SignUpAsync(system, "Worker", "관제알바");
        var job = await Journey.PostJobAsync(employer, $"관제 물류 {Guid.NewGuid().ToString("N")[..6]}", 150_000, TimeSpan.FromSeconds(15));
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        worker.Http.DefaultRequestHeaders.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        var applicationId = (await Journey.ApplyAsync(worker, job.GetProperty("id").GetGuid())).GetProperty("id").GetGuid();
        worker.Http.DefaultRequestHeaders.Remove("traceparent");
        await Journey.ApplicationAsync(worker, applicationId, "Submitted");
        await employer.PostAsync($"/jobs/applications/{applicationId}/accept", null, HttpStatusCode.OK);
        await Journey.WaitUntilStartedAsync(job);
        await Journey.SignContractAsync(employer, worker, applicationId);
        await employer.PostAsync($"/jobs/applications/{applicationId}/complete", new { minutesWorked = 480 }, HttpStatusCode.OK);
        var payment = await Journey.CreatePaymentAsync(employer, applicationId);
        await Journey.PayAsync(employer, payment);
        await Journey.PaymentAsync(employer, payment.GetProperty("id").GetGuid(), "Completed");
        const string phone = "010-9753-8642", account = "352-0417-2288-13";
        await worker.PutAsync("/users/profile", new
        {
            displayName = "관제알바", phoneNumber = phone,
            payoutAccount = new { bankName = "농협은행", accountNumber = account, accountHolder = "관제알바" },
            currentPassword = OneDayClient.Password,
        });
        await worker.PostAsync("/payments/withdraw", new { amountKrw = 50_000 }, HttpStatusCode.Created, Guid.NewGuid().ToString());
        // A resident registration number: refused once (its check digit is wrong), saved, then read masked and filed whole.
        const string residentNumber = "880303-1111113", mistyped = "880303-1111114";
        await worker.PutAsync("/payments/tax-identity", new { legalName = "관제알바", residentNumber = mistyped }, HttpStatusCode.BadRequest);
        await worker.PutAsync("/payments/tax-identity", new { legalName = "관제알바", residentNumber });
        Assert.Equal("880303-1******", (await worker.GetAsync("/payments/tax-identity")).GetProperty("residentNumber").GetString());
        var month = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(9)).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("8803031111113", await employer.Http.GetStringAsync(new Uri($"/payments/statements/{month}/daily-wage-withholding.csv", UriKind.Relative)), StringComparison.Ordinal);

        // PromQL: the day's applications (the recording rule) and, over this journey's window, every payment succeeded.
        await Eventually.TrueAsync(async () => await prometheus.ValueAsync("oneday:applications:increase1d") > 0, TimeSpan.FromSeconds(20), "applications counted");
        var window = $"{(int)began.Elapsed.TotalSeconds + 5}s";
        await Eventually.TrueAsync(async () => await prometheus.ValueAsync(
                $"sum(increase(oneday_payments_outcomes_total{{status=\"Completed\"}}[{window}])) / sum(increase(oneday_payments_outcomes_total{{status=~\"Completed|Failed\"}}[{window}]))") == 1,
            TimeSpan.FromSeconds(20), "a payment success rate of 1");
        await DashboardsQueryWhatTheServicesExportAsync(prometheus);

        // Logs: the apply request's lines from gateway to the last consumer, found by its trace id, labelled by app and level.
        await Eventually.TrueAsync(() => Task.FromResult(system.Loki.AppsLogging(traceId).IsSupersetOf(["gateway", "jobs", "users", "notifications"])),
            TimeSpan.FromSeconds(20), $"lines of trace {traceId} from gateway, jobs, users and notifications; got {string.Join(", ", system.Loki.AppsLogging(traceId))}");
        var shipped = system.Loki.Lines;
        Assert.All(shipped, line => Assert.Contains(line.App, Apps));
        Assert.All(shipped, line => Assert.Contains(line.Level, new[] { "trace", "debug", "info", "warn", "error", "critical" }));

        // No personal data in any line, shipped or written to the console: e-mail, phone, bank account, tokens, resident numbers (even refused ones).
        string[] secrets = [employer.Email, worker.Email, phone, phone.Replace("-", "", StringComparison.Ordinal), account, account.Replace("-", "", StringComparison.Ordinal),
            employer.AccessToken, worker.AccessToken, residentNumber, residentNumber.Replace("-", "", StringComparison.Ordinal), "1111113", "1111114"];
        var lines = shipped.Select(l => $"{l.App}: {l.Line}").Concat(Apps.SelectMany(app => system.App(app).Log().Split('\n').Select(l => $"{app} console: {l}"))).ToList();
        var leaks = lines.Where(line => secrets.Any(secret => line.Contains(secret, StringComparison.Ordinal)) || EmailAddress().IsMatch(line) || Jwt().IsMatch(line)).ToList();
        Assert.True(leaks.Count == 0, $"personal data in {leaks.Count} log lines, e.g.:\n{string.Join('\n', leaks.Take(3))}");
    }

    [Fact]
    public async Task An_outbox_that_cannot_publish_fires_the_outbox_lag_alert_and_draining_it_clears_the_alert()
    {
        await using var prometheus = await PrometheusServer.StartAsync(system, ["users"], FastThresholds);
        await Eventually.TrueAsync(async () => await prometheus.ValueAsync("oneday_outbox_oldest_unsent_age_seconds{app=\"users\"}") == 0, TimeSpan.FromSeconds(20), "the users outbox drained and scraped");

        // users' dispatcher cannot reach its sidecar's publish API; registering still works and leaves user-registered in the outbox.
        system.UsersPublishing.Hold();
        try
        {
            await using var newcomer = await OneDayClient.SignUpAsync(system, "Worker", "대기알바", verifyEmail: false);
            await Eventually.TrueAsync(async () => (await prometheus.AlertsAsync()).Any(a => a is { Name: "OutboxLagHigh", State: "firing" } && a.Labels["app"] == "users"),
                TimeSpan.FromSeconds(30), "OutboxLagHigh firing for users");
        }
        finally
        {
            system.UsersPublishing.Release();
        }

        await Eventually.TrueAsync(async () => !(await prometheus.AlertsAsync()).Any(a => a.Name == "OutboxLagHigh"), TimeSpan.FromSeconds(30), "OutboxLagHigh cleared once the outbox drained");
    }

    /// <summary>Every dashboard panel's query parses in Prometheus and names only metrics the services export (or the rules record).</summary>
    private static async Task DashboardsQueryWhatTheServicesExportAsync(PrometheusServer prometheus)
    {
        var exported = await prometheus.MetricNamesAsync();
        var recorded = RecordedNames().Matches(File.ReadAllText(Path.Combine(RepositoryFolder.Root, "k8s", "observability", "rules", "recording.yml"))).Select(m => m.Groups[1].Value);
        var known = exported.Concat(recorded).Append("up").ToHashSet(StringComparer.Ordinal);
        var unknown = new List<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryFolder.Root, "k8s", "observability", "dashboards"), "*.json"))
        {
            using var dashboard = JsonDocument.Parse(await File.ReadAllTextAsync(file));
            foreach (var panel in dashboard.RootElement.GetProperty("panels").EnumerateArray())
            foreach (var target in panel.GetProperty("targets").EnumerateArray())
            {
                var expr = target.GetProperty("expr").GetString()!.Replace("$app", ".*", StringComparison.Ordinal);
                await prometheus.ValueAsync(expr);
                unknown.AddRange(MetricNamesIn(expr).Where(name => !known.Contains(name)).Select(name => $"{Path.GetFileName(file)} \"{panel.GetProperty("title").GetString()}\": {name}"));
            }
        }
        Assert.True(unknown.Count == 0, "dashboard panels name metrics nothing exports:\n" + string.Join('\n', unknown));
    }

    /// <summary>The metric names of a PromQL expression: identifiers not inside braces, strings or grouping clauses, nor called as functions.</summary>
    private static IEnumerable<string> MetricNamesIn(string expr)
    {
        var bare = Grouping().Replace(Matchers().Replace(Strings().Replace(expr, ""), ""), "");
        return Identifier().Matches(bare).Where(m => !m.Groups["call"].Success).Select(m => m.Groups["name"].Value)
            .Where(name => name is not ("by" or "without" or "on" or "ignoring" or "group_left" or "group_right" or "and" or "or" or "unless" or "bool" or "offset") && !Duration().IsMatch(name));
    }

    [GeneratedRegex("\"[^\"]*\"")]
    private static partial Regex Strings();

    [GeneratedRegex(@"\{[^}]*\}|\[[^\]]*\]")]
    private static partial Regex Matchers();

    [GeneratedRegex(@"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")]
    private static partial Regex Grouping();

    [GeneratedRegex(@"(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?<call>\s*\()?")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"^\d")]
    private static partial Regex Duration();

    [GeneratedRegex(@"- record: (\S+)")]
    private static partial Regex RecordedNames();

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+\.[A-Za-z.]{2,}")]
    private static partial Regex EmailAddress();

    [GeneratedRegex(@"eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}")]
    private static partial Regex Jwt();
}
