using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using OneDay.EndToEnd.Tests.Infrastructure;
using OneDay.Testing;

namespace OneDay.EndToEnd.Tests;

/// <summary>
/// The day OneDay exists for, end to end through the gateway: an employer posts a job, a worker finds it,
/// applies, is accepted, they chat, the worker checks in and out at the workplace, the employer confirms the attendance,
/// the work is paid from that record, settled and withdrawn — with the notifications
/// each step sends arriving on the hubs, and the apply request as one trace across the services.
/// </summary>
public abstract class JourneyScenario(OneDaySystem system)
{
    [Fact]
    public async Task A_worker_is_found_hired_paid_and_withdraws_the_same_day()
    {
        await using var employer = await OneDayClient.SignUpAsync(system, "Employer", "김사장");
        await using var worker = await OneDayClient.SignUpAsync(system, "Worker", "이알바");
        var employerInbox = new HubInbox(await employer.ConnectAsync("/hubs/notifications"), "notification");
        var workerInbox = new HubInbox(await worker.ConnectAsync("/hubs/notifications"), "notification");
        var (lat, lng) = Journey.Gangnam;
        await worker.GetAsync($"/search/jobs?q={Uri.EscapeDataString("물류")}&lat={lat}&lng={lng}&radiusKm=5");

        // The employer posts; the worker finds it by a two-syllable keyword within a radius. How fast is the
        // benchmark's business (SearchScenarios.PropagationAsync); here it only has to arrive.
        var title = $"강남 물류센터 상하차 {Guid.NewGuid().ToString("N")[..6]}";
        // Forty seconds to be found, hired and checked in before the start: the two journeys (Redis, RabbitMQ) run at once.
        var job = await Journey.PostJobAsync(employer, title, 12_000, TimeSpan.FromSeconds(40), wageUnit: "Hourly");
        var jobId = job.GetProperty("id").GetGuid();
        await Eventually.TrueAsync(async () => Contains(await worker.GetAsync($"/search/jobs?q={Uri.EscapeDataString("물류")}&lat={lat}&lng={lng}&radiusKm=5&sort=recent"), jobId),
            TimeSpan.FromSeconds(15), "the new job searchable");
        var busan = await worker.GetAsync($"/search/jobs?q={Uri.EscapeDataString("물류")}&lat=35.1796&lng=129.0756&radiusKm=5");
        Assert.False(Contains(busan, jobId), "a Gangnam job must not be within 5 km of Busan");

        // The worker applies (one trace from the gateway through jobs, users and notifications); the employer hears of it.
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        worker.Http.DefaultRequestHeaders.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        var applicationId = (await Journey.ApplyAsync(worker, jobId)).GetProperty("id").GetGuid();
        worker.Http.DefaultRequestHeaders.Remove("traceparent");
        var submitted = await employerInbox.NotificationAsync("application-submitted");
        Assert.Contains(title, submitted.GetProperty("body").GetString(), StringComparison.Ordinal);
        await Journey.ApplicationAsync(worker, applicationId, "Submitted");

        // The employer accepts: both are matched and a chat room opens for the two of them.
        await employer.PostAsync($"/jobs/applications/{applicationId}/accept", null, HttpStatusCode.OK);
        await workerInbox.NotificationAsync("application-accepted");
        await workerInbox.NotificationAsync("job-matched");
        await employerInbox.NotificationAsync("job-matched");
        var roomId = await Journey.RoomOfAsync(worker, applicationId);
        Assert.Equal(roomId, await Journey.RoomOfAsync(employer, applicationId));

        // They talk in real time.
        var employerChat = await employer.ConnectAsync("/chat/socket");
        var workerChat = await worker.ConnectAsync("/chat/socket");
        var employerMessages = new HubInbox(employerChat, "message_sent");
        var workerMessages = new HubInbox(workerChat, "message_sent");
        await employerChat.InvokeAsync<JsonElement>("JoinRoom", roomId);
        await workerChat.InvokeAsync<JsonElement>("JoinRoom", roomId);
        await employerChat.InvokeAsync<JsonElement>("SendMessage", roomId, Guid.NewGuid(), "안녕하세요, 정문 경비실 앞에서 뵙겠습니다.");
        var heard = await workerMessages.WaitForAsync("message_sent", m => m.GetProperty("text").GetString()!.Contains("정문", StringComparison.Ordinal));
        Assert.Equal(employer.UserId, heard.GetProperty("senderId").GetGuid());
        await workerChat.InvokeAsync<JsonElement>("SendMessage", roomId, Guid.NewGuid(), "네, 10분 전에 도착하겠습니다!");
        await employerMessages.WaitForAsync("message_sent", m => m.GetProperty("senderId").GetGuid() == worker.UserId);

        // At the workplace the employer's screen shows the check-in code; the worker scans it there, and both see the record.
        var checkedIn = await Journey.ScanAsync(employer, worker, job, applicationId, "check-in");
        Assert.Equal(0, checkedIn.GetProperty("lateMinutes").GetInt32());
        var seenByEmployer = await employer.GetAsync($"/jobs/applications/{applicationId}/attendance");
        Assert.Equal(checkedIn.GetProperty("checkedInAt").GetDateTimeOffset(), seenByEmployer.GetProperty("checkedInAt").GetDateTimeOffset());
        var arrived = await employerInbox.NotificationAsync("worker-checked-in");
        Assert.Contains("출근했습니다 (정시)", arrived.GetProperty("body").GetString(), StringComparison.Ordinal);

        // The work is recorded only once both have signed the labour contract drawn at the match, which names both and
        // reads the same as its PDF. The wage is paid from the record, in whole minutes: the shift lasts one, of real time.
        await Journey.WaitUntilStartedAsync(job);
        var refused = await employer.PostAsync($"/jobs/applications/{applicationId}/complete", new { }, HttpStatusCode.Conflict);
        Assert.Contains("근로계약서", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var contract = await worker.GetAsync($"/jobs/applications/{applicationId}/contract");
        Assert.Contains("김사장", contract.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("이알바", contract.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("시간급 12,000원", PdfText.Of(await employer.Http.GetByteArrayAsync(new Uri($"/jobs/applications/{applicationId}/contract/pdf", UriKind.Relative))), StringComparison.Ordinal);
        await Journey.SignContractAsync(employer, worker, applicationId);
        await Journey.WaitUntilStartedAsync(job, worked: TimeSpan.FromMinutes(1));
        await Journey.ScanAsync(employer, worker, job, applicationId, "check-out");
        await employerInbox.NotificationAsync("worker-checked-out");

        // The employer confirms the record by completing the work from it; the worker hears it once, with the record.
        var attendance = await employer.GetAsync($"/jobs/applications/{applicationId}/attendance");
        var (minutes, grossWage) = Journey.WageFromAttendance(job, attendance);
        Assert.Equal(minutes, attendance.GetProperty("minutesWorked").GetInt32());
        await employer.PostAsync($"/jobs/applications/{applicationId}/complete", new { }, HttpStatusCode.OK);
        var confirmed = await workerInbox.NotificationAsync("attendance-confirmed");
        Assert.Contains("사업주 확인으로 확정되었습니다", confirmed.GetProperty("body").GetString(), StringComparison.Ordinal);
        await employerInbox.NotificationAsync("job-completed");

        // The employer pays through the sandbox PG: the wage from the record, the 10% platform fee on top; under
        // 150,000 won a day nothing is withheld.
        var payment = await Journey.CreatePaymentAsync(employer, applicationId);
        var paymentId = payment.GetProperty("id").GetGuid();
        Assert.Equal(grossWage + grossWage / 10, payment.GetProperty("amountKrw").GetInt64());
        Assert.Equal(grossWage, payment.GetProperty("netToWorkerKrw").GetInt64());
        var payTraceId = ActivityTraceId.CreateRandom().ToHexString();
        employer.Http.DefaultRequestHeaders.Add("traceparent", $"00-{payTraceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        await Journey.PayAsync(employer, payment);
        employer.Http.DefaultRequestHeaders.Remove("traceparent");
        await Journey.PaymentAsync(employer, paymentId, "Completed");
        await employerInbox.NotificationAsync("payment-completed");
        await workerInbox.NotificationAsync("settlement-created");
        await Journey.ApplicationAsync(worker, applicationId, "Paid");

        // The wallet holds the wage the attendance record earned, to the won, and the ledger balances.
        Assert.Equal(grossWage, (await worker.GetAsync("/payments/wallet")).GetProperty("availableKrw").GetInt64());
        Assert.True(await Journey.LedgerBalancedAsync(system));

        // The worker registers a bank account (users keeps it) and withdraws part of the wage into it.
        await worker.PutAsync("/users/profile", new
        {
            displayName = "이알바", phoneNumber = "010-2468-1357",
            payoutAccount = new { bankName = "신한은행", accountNumber = "110-432-987654", accountHolder = "이알바" },
            currentPassword = OneDayClient.Password,
        });
        var withdrawal = await worker.PostAsync("/payments/withdraw", new { amountKrw = 100 }, HttpStatusCode.Created, Guid.NewGuid().ToString());
        Assert.Equal(100, withdrawal.GetProperty("amountKrw").GetInt64());
        Assert.Equal("신한은행 ********7654", withdrawal.GetProperty("payoutAccount").GetString());
        await workerInbox.NotificationAsync("withdrawal-requested");
        await workerInbox.NotificationAsync("withdrawal-completed");
        Assert.Equal(grossWage - 100, (await worker.GetAsync("/payments/wallet")).GetProperty("availableKrw").GetInt64());
        Assert.True(await Journey.LedgerBalancedAsync(system));

        // Every step left its notification in each one's list, not only on the hub.
        var workerKinds = await KindsAsync(worker);
        Assert.Superset(new HashSet<string> { "welcome", "application-accepted", "job-matched", "attendance-confirmed", "settlement-created", "withdrawal-requested", "withdrawal-completed" },
            workerKinds);
        Assert.DoesNotContain("job-completed", workerKinds);
        Assert.Superset(new HashSet<string> { "welcome", "application-submitted", "job-matched", "worker-checked-in", "worker-checked-out", "job-completed", "payment-completed" },
            await KindsAsync(employer));

        // The apply request is one trace: the gateway, jobs (and its saga), users (eligibility), notifications (the employer told).
        await Eventually.TrueAsync(() => Task.FromResult(system.Zipkin.ServicesIn(traceId).IsSupersetOf(["gateway", "jobs", "users", "notifications"])),
            TimeSpan.FromSeconds(20), $"spans of trace {traceId} from gateway, jobs, users and notifications; got {string.Join(", ", system.Zipkin.ServicesIn(traceId))}");
        // And paying is one trace: the confirm through the gateway, the payment saga, jobs marking the work paid.
        await Eventually.TrueAsync(() => Task.FromResult(system.Zipkin.ServicesIn(payTraceId).IsSupersetOf(["gateway", "payments", "jobs"])),
            TimeSpan.FromSeconds(20), $"spans of trace {payTraceId} from gateway, payments and jobs; got {string.Join(", ", system.Zipkin.ServicesIn(payTraceId))}");
    }

    private static bool Contains(JsonElement searchResult, Guid jobId) =>
        searchResult.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("jobId").GetGuid() == jobId);

    private static async Task<HashSet<string>> KindsAsync(OneDayClient client) =>
        (await client.GetAsync("/notifications?limit=50")).GetProperty("items").EnumerateArray().Select(n => n.GetProperty("kind").GetString()!).ToHashSet();
}

[Collection(SystemCollection.Name)]
public sealed class JourneyTests(OneDaySystem system) : JourneyScenario(system);

/// <summary>The same day with the events on RabbitMQ (components/rabbitmq), the services unchanged.</summary>
[Collection(RabbitMqSystemCollection.Name)]
public sealed class RabbitMqJourneyTests(OneDaySystemOnRabbitMq system) : JourneyScenario(system);
