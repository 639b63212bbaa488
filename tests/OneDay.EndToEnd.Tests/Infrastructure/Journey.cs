using System.Net;
using System.Text.Json;
using OneDay.Testing;

namespace OneDay.EndToEnd.Tests.Infrastructure;

/// <summary>The steps several journeys share, each as a client takes it through the gateway.</summary>
public static class Journey
{
    private static readonly TimeSpan Korea = TimeSpan.FromHours(9);

    /// <summary>
    /// Posts an eight-hour job in Gangnam (or <paramref name="at"/>; a daily wage unless <paramref name="wageUnit"/> says "Hourly")
    /// that starts <paramref name="startsIn"/> from now, so the work can be marked complete within the test; returns the job as jobs answered.
    /// </summary>
    public static async Task<JsonElement> PostJobAsync(
        OneDayClient employer, string title, long wageKrw, TimeSpan startsIn, int headcount = 2, string matchingMode = "Review", string wageUnit = "Daily",
        (double Latitude, double Longitude)? at = null)
    {
        var (latitude, longitude) = at ?? Gangnam;
        var startsAt = DateTimeOffset.UtcNow.ToOffset(Korea) + startsIn;
        var start = new TimeOnly(startsAt.Hour, startsAt.Minute, startsAt.Second);
        return await employer.PostAsync("/jobs", new
        {
            title,
            description = "강남역 인근 물류센터에서 택배 상하차와 분류를 합니다. 안전화 지참, 점심 제공.",
            category = "물류/상하차",
            wageKrw,
            wageUnit,
            workDate = DateOnly.FromDateTime(startsAt.DateTime),
            startTime = start,
            endTime = start.AddHours(8),
            headcount,
            address = "서울특별시 강남구 강남대로 396",
            latitude,
            longitude,
            matchingMode,
        }, HttpStatusCode.Created);
    }

    /// <summary>A job posted, applied for and accepted: the worker is matched. Returns the job and the application id.</summary>
    public static async Task<(JsonElement Job, Guid ApplicationId)> MatchAsync(OneDayClient employer, OneDayClient worker, TimeSpan startsIn)
    {
        var job = await PostJobAsync(employer, $"물류 상하차 {Guid.NewGuid().ToString("N")[..6]}", 150_000, startsIn);
        var applicationId = (await ApplyAsync(worker, job.GetProperty("id").GetGuid())).GetProperty("id").GetGuid();
        await ApplicationAsync(worker, applicationId, "Submitted");
        await employer.PostAsync($"/jobs/applications/{applicationId}/accept", null, HttpStatusCode.OK);
        return (job, applicationId);
    }

    public static (double Latitude, double Longitude) Gangnam => (37.4979, 127.0276);

    /// <summary>Applies and returns the application (202: the saga checks eligibility and tells the employer).</summary>
    public static async Task<JsonElement> ApplyAsync(OneDayClient worker, Guid jobId) =>
        await worker.PostAsync($"/jobs/{jobId}/apply", null, HttpStatusCode.Accepted);

    /// <summary>Polls the worker's application until it reaches <paramref name="status"/>.</summary>
    public static async Task<JsonElement> ApplicationAsync(OneDayClient client, Guid applicationId, string status, TimeSpan? timeout = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var application = await client.GetAsync($"/jobs/applications/{applicationId}");
            if (application.GetProperty("status").GetString() == status) return application;
            if (DateTimeOffset.UtcNow > deadline) throw new TimeoutException($"application {applicationId} stayed {application.GetRawText()}, never {status}");
            await Task.Delay(100);
        }
    }

    /// <summary>Creates the payment for a completed application, once payments has heard job-completed.</summary>
    public static async Task<JsonElement> CreatePaymentAsync(OneDayClient employer, Guid applicationId)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/payments/create", UriKind.Relative))
            {
                Content = System.Net.Http.Json.JsonContent.Create(new { applicationId }),
            };
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            using var response = await employer.Http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.Created) return JsonSerializer.Deserialize<JsonElement>(body);
            // 404 until job-completed has reached payments.
            if (response.StatusCode != HttpStatusCode.NotFound || DateTimeOffset.UtcNow > deadline)
            {
                throw new InvalidOperationException($"POST /payments/create answered {(int)response.StatusCode}: {body}");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>Pays the order on the sandbox PG's checkout (optionally with a failing test card) and confirms it.</summary>
    public static async Task PayAsync(OneDayClient employer, JsonElement payment, string? failure = null)
    {
        var paymentId = payment.GetProperty("id").GetGuid();
        var checkout = await employer.PostAsync($"/payments/sandbox/checkout/{paymentId}", new { failure }, HttpStatusCode.OK);
        await employer.PostAsync("/payments/confirm", new
        {
            paymentId,
            paymentKey = checkout.GetProperty("paymentKey").GetString(),
            amountKrw = checkout.GetProperty("amountKrw").GetInt64(),
        }, HttpStatusCode.Accepted, Guid.NewGuid().ToString());
    }

    /// <summary>Polls the payment until it reaches <paramref name="status"/>.</summary>
    public static async Task<JsonElement> PaymentAsync(OneDayClient client, Guid paymentId, string status)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (true)
        {
            var payment = await client.GetAsync($"/payments/{paymentId}");
            if (payment.GetProperty("status").GetString() == status) return payment;
            if (DateTimeOffset.UtcNow > deadline) throw new TimeoutException($"payment stayed {payment.GetRawText()}, never {status}");
            await Task.Delay(100);
        }
    }

    /// <summary>Both parties read the match's labour contract and sign the text they read: work is completed only under a contract both signed.</summary>
    public static async Task SignContractAsync(OneDayClient employer, OneDayClient worker, Guid applicationId)
    {
        foreach (var party in new[] { employer, worker })
        {
            var contract = await party.GetAsync($"/jobs/applications/{applicationId}/contract");
            await party.PostAsync($"/jobs/applications/{applicationId}/contract/sign",
                new { documentSha256 = contract.GetProperty("documentSha256").GetString(), consent = true }, HttpStatusCode.OK);
        }
    }

    /// <summary>Waits until the job's start (and <paramref name="worked"/> after it) has passed, after which the employer may record the work as done.</summary>
    public static async Task WaitUntilStartedAsync(JsonElement job, TimeSpan? worked = null)
    {
        var wait = job.GetProperty("startsAt").GetDateTimeOffset() + (worked ?? TimeSpan.Zero) - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1);
        if (wait > TimeSpan.Zero) await Task.Delay(wait);
    }

    /// <summary>The worker scans the code the employer's screen shows now, standing at the job's workplace (check-in or check-out).</summary>
    public static async Task<JsonElement> ScanAsync(OneDayClient employer, OneDayClient worker, JsonElement job, Guid applicationId, string scan)
    {
        var code = await employer.GetAsync($"/jobs/{job.GetProperty("id").GetGuid()}/check-in-code");
        Assert.Contains("<svg", code.GetProperty("svg").GetString(), StringComparison.Ordinal);
        return await worker.PostAsync($"/jobs/applications/{applicationId}/{scan}", new
        {
            code = code.GetProperty("payload").GetString(), latitude = job.GetProperty("latitude").GetDouble(),
            longitude = job.GetProperty("longitude").GetDouble(), accuracyMeters = 12,
        }, HttpStatusCode.OK);
    }

    /// <summary>
    /// The minutes the attendance record pays, worked out here from the record's times as the issue states the rule (the
    /// later of arrival and start to departure, whole minutes, less the job's break), and the hourly wage they earn, truncated
    /// to the won. Under eight hours: no overtime premium is owed (payments' PayCalculator tests prove the premium).
    /// </summary>
    public static (int Minutes, long GrossWageKrw) WageFromAttendance(JsonElement job, JsonElement attendance)
    {
        var startsAt = job.GetProperty("startsAt").GetDateTimeOffset();
        var checkedIn = attendance.GetProperty("checkedInAt").GetDateTimeOffset();
        var from = checkedIn > startsAt ? checkedIn : startsAt;
        var minutes = (int)Math.Floor((attendance.GetProperty("checkedOutAt").GetDateTimeOffset() - from).TotalMinutes) - job.GetProperty("breakMinutes").GetInt32();
        Assert.InRange(minutes, 1, 8 * 60);
        return (minutes, job.GetProperty("wageKrw").GetInt64() * minutes / 60);
    }

    /// <summary>How many of the client's chat rooms belong to the application (one, once job-matched has reached chat).</summary>
    public static async Task<int> RoomsOfAsync(OneDayClient client, Guid applicationId) =>
        (await client.GetAsync("/chat/rooms")).GetProperty("rooms").EnumerateArray().Count(r => IsRoomOf(r, applicationId));

    /// <summary>The application's chat room, once it has opened.</summary>
    public static async Task<Guid> RoomOfAsync(OneDayClient client, Guid applicationId)
    {
        await Eventually.TrueAsync(async () => await RoomsOfAsync(client, applicationId) == 1, TimeSpan.FromSeconds(20), $"the chat room of application {applicationId}");
        return (await client.GetAsync("/chat/rooms")).GetProperty("rooms").EnumerateArray()
            .Where(r => IsRoomOf(r, applicationId)).Select(r => r.GetProperty("id").GetGuid()).Single();
    }

    private static bool IsRoomOf(JsonElement room, Guid applicationId) =>
        room.TryGetProperty("applicationId", out var id) && id.ValueKind == JsonValueKind.String && id.GetGuid() == applicationId;

    /// <summary>What the operator sees of the ledger through the gateway: balanced to the won, or not.</summary>
    public static async Task<bool> LedgerBalancedAsync(OneDaySystem system)
    {
        await using var ops = await OneDayClient.OperatorAsync(system);
        var check = await ops.GetAsync("/payments/ledger/check");
        return check.GetProperty("balanced").GetBoolean() && check.GetProperty("totalKrw").GetInt64() == 0;
    }
}
