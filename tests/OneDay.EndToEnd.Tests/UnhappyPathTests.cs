using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using OneDay.EndToEnd.Tests.Infrastructure;
using OneDay.Testing;

namespace OneDay.EndToEnd.Tests;

/// <summary>What goes wrong on a real day, through the gateway: each ends with nothing half-done.</summary>
[Collection(SystemCollection.Name)]
public sealed class UnhappyPathTests(OneDaySystem system)
{
    private static readonly TimeSpan SoonAfterPosting = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task An_applicant_who_has_not_verified_their_email_is_refused_told_why_and_the_slot_goes_to_the_next()
    {
        await using var employer = await OneDayClient.SignUpAsync(system, "Employer", "박대표");
        await using var unverified = await OneDayClient.SignUpAsync(system, "Worker", "최미인증", verifyEmail: false);
        await using var verified = await OneDayClient.SignUpAsync(system, "Worker", "정인증");
        var unverifiedInbox = new HubInbox(await unverified.ConnectAsync("/hubs/notifications"), "notification");
        // 바로채용 with one slot: the first applicant's slot is held while the saga checks eligibility.
        var job = await Journey.PostJobAsync(employer, "편의점 물류 정리 바로채용", 120_000, TimeSpan.FromHours(3), headcount: 1, matchingMode: "Instant");
        var jobId = job.GetProperty("id").GetGuid();

        var refused = (await Journey.ApplyAsync(unverified, jobId)).GetProperty("id").GetGuid();
        var rejected = await Journey.ApplicationAsync(unverified, refused, "Rejected");
        var told = await unverifiedInbox.NotificationAsync("application-rejected");
        Assert.Contains("이메일 인증", told.GetProperty("body").GetString(), StringComparison.Ordinal);
        var hired = (await Journey.ApplyAsync(verified, jobId)).GetProperty("id").GetGuid();

        Assert.Contains("ineligible", rejected.GetProperty("reason").GetString(), StringComparison.Ordinal);
        await Journey.ApplicationAsync(verified, hired, "Accepted");
        var filled = await employer.GetAsync($"/jobs/{jobId}");
        Assert.Equal(1, filled.GetProperty("filledCount").GetInt32());
        Assert.Equal("Filled", filled.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_declined_card_leaves_no_money_moved_and_the_employer_can_pay_again()
    {
        await using var employer = await OneDayClient.SignUpAsync(system, "Employer", "오사장");
        await using var worker = await OneDayClient.SignUpAsync(system, "Worker", "한일꾼");
        var employerInbox = new HubInbox(await employer.ConnectAsync("/hubs/notifications"), "notification");
        var (job, applicationId) = await Journey.MatchAsync(employer, worker, SoonAfterPosting);
        await Journey.WaitUntilStartedAsync(job);
        await Journey.SignContractAsync(employer, worker, applicationId);
        await employer.PostAsync($"/jobs/applications/{applicationId}/complete", new { minutesWorked = 480 }, HttpStatusCode.OK);
        var declined = await Journey.CreatePaymentAsync(employer, applicationId);

        await Journey.PayAsync(employer, declined, failure: "Declined");

        var failed = await Journey.PaymentAsync(employer, declined.GetProperty("id").GetGuid(), "Failed");
        Assert.Contains("거절", failed.GetProperty("failureReason").GetString(), StringComparison.Ordinal);
        await employerInbox.NotificationAsync("payment-failed");
        await Journey.ApplicationAsync(worker, applicationId, "Completed");
        Assert.Equal(0, (await worker.GetAsync("/payments/wallet")).GetProperty("availableKrw").GetInt64());
        Assert.True(await Journey.LedgerBalancedAsync(system));

        var retry = await Journey.CreatePaymentAsync(employer, applicationId);
        await Journey.PayAsync(employer, retry);
        await Journey.PaymentAsync(employer, retry.GetProperty("id").GetGuid(), "Completed");
        await Journey.ApplicationAsync(worker, applicationId, "Paid");
        Assert.Equal(retry.GetProperty("netToWorkerKrw").GetInt64(), (await worker.GetAsync("/payments/wallet")).GetProperty("availableKrw").GetInt64());
        Assert.True(await Journey.LedgerBalancedAsync(system));
    }

    [Fact]
    public async Task A_saga_whose_services_crash_mid_step_finishes_after_they_restart()
    {
        await using var employer = await OneDayClient.SignUpAsync(system, "Employer", "윤점장");
        await using var worker = await OneDayClient.SignUpAsync(system, "Worker", "서근면");
        var job = await Journey.PostJobAsync(employer, "주말 행사장 물류 지원", 130_000, TimeSpan.FromHours(5));
        var notifications = system.App("notifications");
        var jobs = system.App("jobs");

        // Notifications is down, so the saga cannot tell the employer and retries; then jobs itself dies mid-saga.
        await notifications.KillAsync();
        var applicationId = (await Journey.ApplyAsync(worker, job.GetProperty("id").GetGuid())).GetProperty("id").GetGuid();
        await Task.Delay(TimeSpan.FromSeconds(1));
        await jobs.KillAsync();
        await notifications.StartAsync(CancellationToken.None);
        await jobs.StartAsync(CancellationToken.None);

        await Journey.ApplicationAsync(worker, applicationId, "Submitted", TimeSpan.FromSeconds(60));
        await Eventually.TrueAsync(async () => (await employer.GetAsync("/notifications")).GetProperty("items").EnumerateArray()
            .Count(n => n.GetProperty("kind").GetString() == "application-submitted") == 1, TimeSpan.FromSeconds(30), "the employer told once");
    }

    [Fact]
    public async Task Events_delivered_twice_have_one_effect()
    {
        await using var employer = await OneDayClient.SignUpAsync(system, "Employer", "장사장");
        await using var worker = await OneDayClient.SignUpAsync(system, "Worker", "임성실");
        var (_, applicationId) = await Journey.MatchAsync(employer, worker, TimeSpan.FromHours(4));
        var matched = (await system.Events.WaitForAsync(events => events.Any(e => IsFor(e, "job-matched", applicationId))))
            .First(e => IsFor(e, "job-matched", applicationId));
        await Eventually.TrueAsync(async () => await MatchedNotificationsAsync(worker) == 1, TimeSpan.FromSeconds(20), "the first job-matched handled");
        await Journey.RoomOfAsync(worker, applicationId);

        // The acceptance travels once, as job-matched: its redelivery must neither reopen rooms nor notify again.
        await system.RedeliverAsync(matched);
        await system.Cluster.WaitForIdleAsync();

        Assert.Equal(1, await Journey.RoomsOfAsync(worker, applicationId));
        Assert.Equal(1, await Journey.RoomsOfAsync(employer, applicationId));
        Assert.Equal(1, await MatchedNotificationsAsync(worker));
        Assert.Equal(1, await MatchedNotificationsAsync(employer));
        Assert.Equal(1, (await worker.GetAsync("/notifications")).GetProperty("items").EnumerateArray().Count(n => n.GetProperty("kind").GetString() == "application-accepted"));
    }

    [Fact]
    public async Task Another_worker_cannot_read_or_join_what_belongs_to_the_first()
    {
        await using var employer = await OneDayClient.SignUpAsync(system, "Employer", "강사장");
        await using var worker = await OneDayClient.SignUpAsync(system, "Worker", "조첫째");
        await using var intruder = await OneDayClient.SignUpAsync(system, "Worker", "문둘째");
        var (job, applicationId) = await Journey.MatchAsync(employer, worker, SoonAfterPosting);
        var roomId = await Journey.RoomOfAsync(worker, applicationId);
        await Journey.WaitUntilStartedAsync(job);
        await intruder.GetAsync($"/jobs/applications/{applicationId}/contract", HttpStatusCode.NotFound);
        await Journey.SignContractAsync(employer, worker, applicationId);
        await employer.PostAsync($"/jobs/applications/{applicationId}/complete", new { minutesWorked = 300 }, HttpStatusCode.OK);
        var paymentId = (await Journey.CreatePaymentAsync(employer, applicationId)).GetProperty("id").GetGuid();
        await worker.GetAsync($"/payments/{paymentId}");

        await intruder.GetAsync($"/payments/{paymentId}", HttpStatusCode.NotFound);
        await intruder.GetAsync($"/jobs/applications/{applicationId}", HttpStatusCode.NotFound);
        await intruder.GetAsync($"/chat/rooms/{roomId}/messages", HttpStatusCode.NotFound);
        await intruder.PostAsync($"/chat/rooms/{roomId}/messages", new { clientMessageId = Guid.NewGuid(), text = "들어가도 되나요?" }, HttpStatusCode.NotFound);
        var socket = await intruder.ConnectAsync("/chat/socket");
        await Assert.ThrowsAsync<HubException>(() => socket.InvokeAsync<JsonElement>("JoinRoom", roomId));
        var history = await intruder.GetAsync("/payments/history");
        Assert.Empty(history.GetProperty("payments").EnumerateArray());
        Assert.Empty(history.GetProperty("settlements").EnumerateArray());
        Assert.Empty((await intruder.GetAsync("/chat/rooms")).GetProperty("rooms").EnumerateArray());
        Assert.Empty((await worker.GetAsync($"/chat/rooms/{roomId}/messages")).GetProperty("messages").EnumerateArray());
    }

    private static bool IsFor(ProbedEvent probed, string topic, Guid applicationId) =>
        probed.Topic == topic && probed.Data.GetProperty("applicationId").GetGuid() == applicationId;

    private static async Task<int> MatchedNotificationsAsync(OneDayClient client) =>
        (await client.GetAsync("/notifications")).GetProperty("items").EnumerateArray().Count(n => n.GetProperty("kind").GetString() == "job-matched");

}
