extern alias gateway;
extern alias jobs;

using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Npgsql;
using OneDay.Contracts;
using OneDay.Contracts.Notifications;
using OneDay.Contracts.Users;
using OneDay.Testing;
using ApplicationView = jobs::OneDay.Jobs.Applications.ApplicationView;
using AttendanceScan = jobs::OneDay.Jobs.Attendance.AttendanceScan;
using CheckInCodeView = jobs::OneDay.Jobs.Attendance.CheckInCodeView;
using GatewayProgram = gateway::Program;
using JobsProgram = jobs::Program;
using JobTerms = jobs::OneDay.Jobs.JobPostings.JobTerms;
using JobView = jobs::OneDay.Jobs.JobPostings.JobView;
using MatchingMode = jobs::OneDay.Jobs.JobPostings.MatchingMode;
using WageUnit = jobs::OneDay.Jobs.JobPostings.WageUnit;

namespace OneDay.Benchmarks;

/// <summary>
/// Check-in through the gateway at 100 concurrent workers (budget: p95 ≤ 50 ms). Jobs starting in 20 minutes
/// (check-in is open), Instant mode, each worker applied and matched as in production; then every worker
/// checks in once, through the real gateway and the emulator, with the workplace's code fetched just before
/// and their position at the workplace. Users (eligibility) and notifications are doubles: jobs' rules are measured, not theirs.
/// The applications that prepare it are reported too: the apply request, and apply → the employer told (the
/// application workflow's notice reaching notifications).
/// </summary>
public static class CheckInScenario
{
    /// <summary>The most workers one job takes (JobTerms.Headcount).</summary>
    private const int HeadcountLimit = 100;

    /// <summary>Applications sent at once while preparing: quick, without starving the workflows on 2 cores.</summary>
    private const int Applying = 16;

    public static async Task<ScenarioReport> RunAsync(BenchmarkContext context)
    {
        var (settings, time, cancellationToken) = (context.Settings, context.Time, context.CancellationToken);
        var peers = new List<PeerApp>();
        // When notifications first heard of each application for its employer (a retried notice counts once).
        var employerTold = new ConcurrentDictionary<Guid, DateTimeOffset>();
        try
        {
            await using var stack = await ServiceStack.StartAsync<JobsProgram>("jobs", usesRedis: false, new Dictionary<string, string?>(), beside: async dapr =>
            {
                dapr.WithSecret("Attendance:SigningKey", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), "jobs");
                peers.Add(await PeerApp.StartAsync(dapr, "users", app => app.MapGet("/internal/users/{id:guid}/eligibility",
                    (Guid id) => Results.Json(new ApplicantEligibility(id, true, []), ContractJson.Options))));
                peers.Add(await PeerApp.StartAsync(dapr, "notifications", app => app.MapPost("/internal/notifications/send", async (HttpRequest request) =>
                {
                    // Read as jobs wrote it (the contracts' JSON: enums by name).
                    var notice = (await request.ReadFromJsonAsync<SendNotificationRequest>(ContractJson.Options))!;
                    if (notice.Kind == NotificationKind.ApplicationSubmitted && notice.Parameters?.GetValueOrDefault("applicationId") is { } application)
                        employerTold.TryAdd(Guid.Parse(application), time.GetUtcNow());
                    return Results.Accepted();
                })));
            });
            var gateway = await stack.Dapr.StartServiceAsync<GatewayProgram>("gateway", new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Warning",
                // Each worker checks in once, but the floor reads as fast as it can: the per-user limit is not what is measured.
                ["RateLimiting:User:Burst"] = "1000000",
                ["RateLimiting:User:PerSecond"] = "1000000",
            });

            var (shifts, apply, appliedAt) = await MatchAsync(stack, settings.CheckIns, time, cancellationToken);
            var told = LoadRun.Between("apply → employer told (the workflow's notice at notifications)", Applying, appliedAt, employerTold);
            using var http = gateway.CreateClient();
            var clients = Math.Min(settings.CheckInClients, shifts.Count);
            var perClient = LoadRun.Dealt(shifts, clients);

            var floor = await LoadRun.MeasureAsync("authenticated GET …/attendance through the gateway", clients, settings.Duration, settings.WarmUp, async i =>
            {
                var shift = perClient[i][Random.Shared.Next(perClient[i].Count)];
                using var request = new HttpRequestMessage(HttpMethod.Get, $"/jobs/applications/{shift.ApplicationId}/attendance");
                request.Headers.Authorization = shift.Worker;
                using var response = await http.SendAsync(request, cancellationToken);
                return response.IsSuccessStatusCode;
            }, cancellationToken);

            var codes = await CodesAsync(http, shifts, cancellationToken);
            async Task<bool> CheckInAsync(Shift shift)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, $"/jobs/applications/{shift.ApplicationId}/check-in")
                {
                    Content = JsonContent.Create(new AttendanceScan(codes[shift.Job.Id], shift.Job.Latitude, shift.Job.Longitude, 15), options: ContractJson.Options),
                };
                request.Headers.Authorization = shift.Worker;
                using var response = await http.SendAsync(request, cancellationToken);
                return response.StatusCode == HttpStatusCode.OK;
            }
            // Each client's first worker warms the path (JIT, pooled connections, the workflow's event) and is not counted.
            var warmUps = await Task.WhenAll(perClient.Select(own => CheckInAsync(own[0])));
            if (warmUps.Contains(false)) throw new InvalidOperationException($"{warmUps.Count(ok => !ok)} warm-up check-ins were refused");
            // Fresh codes: a code is taken for one to two rotations after it is shown.
            codes = await CodesAsync(http, shifts, cancellationToken);
            var checkIn = await LoadRun.MeasureEachAsync("check-in (POST …/check-in through the gateway)",
                perClient.Select(own => (IReadOnlyList<Shift>)own.Skip(1).ToList()).ToList(), CheckInAsync, cancellationToken);

            return new ScenarioReport("checkin", $"check-in through the gateway, {clients} concurrent workers",
                $"{shifts.Count:N0} workers matched to {shifts.Select(s => s.Job.Id).Distinct().Count()} Instant-mode jobs starting in 20 minutes, " +
                $"{clients} at a time, each checking in once with the job's current code at the workplace (each client's first is a warm-up, not counted): " +
                "the gateway checks the token and calls jobs through the sidecars; jobs locks the application, checks the signed code and the geofence, " +
                "records the arrival and raises the application workflow's check-in event. The floor is the worker reading their own attendance " +
                "through the same gateway at the same concurrency. Then every matched worker must be checked in exactly once. " +
                string.Create(CultureInfo.InvariantCulture, $"Before it, the applications that matched them, {Applying} at a time straight to jobs: ") +
                "the apply request (202 once the application and its workflow's start are committed), and from its sending to the employer's " +
                "notice arriving at notifications (users' eligibility answered first; notifications' own delivery to the hub is not in it).",
                [
                    new ReportRow(floor, RowRole.Floor),
                    new ReportRow(checkIn, RowRole.Measured, new RowBudget("p95 ≤ 50 ms", r => r.Percentile(95) <= 50)),
                    new ReportRow(apply, RowRole.Peer),
                    new ReportRow(told, RowRole.Peer),
                ],
                [await CheckedInAsync(stack, shifts.Count, cancellationToken)],
                []);
        }
        finally
        {
            foreach (var peer in peers) await peer.DisposeAsync();
        }
    }

    /// <summary>One matched worker: their application, its job, and their access token.</summary>
    private sealed record Shift(JobView Job, Guid ApplicationId, AuthenticationHeaderValue Worker);

    /// <summary>
    /// Posts enough jobs for <paramref name="workers"/> (up to the headcount limit each), then applies each worker, timing
    /// each apply and noting when it was sent, and waits until all are matched.
    /// </summary>
    private static async Task<(List<Shift> Shifts, LoadResult Apply, IReadOnlyDictionary<Guid, DateTimeOffset> AppliedAt)> MatchAsync(
        ServiceStack<JobsProgram> stack, int workers, TimeProvider time, CancellationToken cancellationToken)
    {
        var start = time.GetUtcNow().AddMinutes(20).ToOffset(KoreanTime.Offset);
        start = start.AddTicks(-(start.Ticks % TimeSpan.TicksPerMinute)).AddMinutes(1);
        var jobs = new List<(JobView Job, int Headcount)>();
        for (var left = workers; left > 0; left -= HeadcountLimit)
        {
            var headcount = Math.Min(HeadcountLimit, left);
            using var employer = stack.Service.CreateClient(TestTokens.For(Guid.CreateVersion7(), UserRole.Employer));
            var terms = new JobTerms("물류센터 상하차 오늘 근무", "상하차 및 분류 작업, 안전화 지참", "물류/상하차", 12_000, WageUnit.Hourly,
                DateOnly.FromDateTime(start.DateTime), TimeOnly.FromDateTime(start.DateTime), TimeOnly.FromDateTime(start.DateTime).AddHours(8),
                headcount, "경기도 이천시 마장면 덕평로 811", 37.2459, 127.3940, MatchingMode.Instant);
            using var response = await employer.PostAsJsonAsync("/jobs", terms, ContractJson.Options, cancellationToken);
            if (response.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"posting a job: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
            jobs.Add(((await response.Content.ReadFromJsonAsync<JobView>(ContractJson.Options, cancellationToken))!, headcount));
        }
        var shifts = new ConcurrentBag<Shift>();
        var appliedAt = new ConcurrentDictionary<Guid, DateTimeOffset>();
        var perClient = LoadRun.Dealt(jobs.SelectMany(j => Enumerable.Repeat(j.Job, j.Headcount)), Applying);
        var apply = await LoadRun.MeasureEachAsync($"apply (POST /jobs/{{id}}/apply → 202), {Applying} at a time", perClient, async job =>
        {
            var accessToken = TestTokens.For(Guid.CreateVersion7(), UserRole.Worker, TimeSpan.FromHours(1));
            using var worker = stack.Service.CreateClient(accessToken);
            var sentAt = time.GetUtcNow();
            using var response = await worker.PostAsync(new Uri($"/jobs/{job.Id}/apply", UriKind.Relative), null, cancellationToken);
            if (response.StatusCode != HttpStatusCode.Accepted) throw new InvalidOperationException($"applying: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
            var application = (await response.Content.ReadFromJsonAsync<ApplicationView>(ContractJson.Options, cancellationToken))!;
            appliedAt[application.Id] = sentAt;
            shifts.Add(new Shift(job, application.Id, new AuthenticationHeaderValue("Bearer", accessToken)));
            return true;
        }, cancellationToken);
        await stack.WaitForCountAsync("SELECT count(*) FROM applications WHERE status = 'Accepted'", workers, "every worker being matched", cancellationToken);
        return ([.. shifts], apply, appliedAt);
    }

    /// <summary>Each job's code as its employer's device shows it now, through the gateway.</summary>
    private static async Task<Dictionary<Guid, string>> CodesAsync(HttpClient http, IReadOnlyList<Shift> shifts, CancellationToken cancellationToken)
    {
        var codes = new Dictionary<Guid, string>();
        foreach (var job in shifts.Select(s => s.Job).DistinctBy(j => j.Id))
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/jobs/{job.Id}/check-in-code");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.For(job.EmployerId, UserRole.Employer));
            using var response = await http.SendAsync(request, cancellationToken);
            response.EnsureSuccessStatusCode();
            codes[job.Id] = (await response.Content.ReadFromJsonAsync<CheckInCodeView>(ContractJson.Options, cancellationToken))!.Payload;
        }
        return codes;
    }

    /// <summary>Every matched worker checked in once, by scan: no arrival lost, none recorded twice.</summary>
    private static async Task<ScenarioCheck> CheckedInAsync(ServiceStack<JobsProgram> stack, int workers, CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(stack.Database.ConnectionString);
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM attendance WHERE checked_in_at IS NOT NULL AND check_in_source = 'Scan'");
        var checkedIn = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        return new ScenarioCheck("every matched worker checked in exactly once (attendance rows with a scanned arrival)",
            string.Create(CultureInfo.InvariantCulture, $"{checkedIn} of {workers}"), checkedIn == workers, Invariant: true);
    }
}
