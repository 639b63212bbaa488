using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OneDay.Contracts;
using OneDay.Jobs.Applications;
using OneDay.Jobs.Attendance;
using OneDay.Jobs.JobPostings;
using OneDay.Jobs.Tests.Infrastructure;

namespace OneDay.Jobs.Tests;

/// <summary>The jobs service on a clock of the test's own, so a shift's hours pass in an instant.</summary>
public class AttendanceFixture : JobsFixture
{
    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    protected override Action<IServiceCollection>? Services => services => services.AddSingleton<TimeProvider>(Time);

    // The workflow's timers run on the engine's real clock, hours behind the app's: the day-before question and the
    // reminder would be hours away in real time, so this app does without them.
    protected override Dictionary<string, string?> Settings() => new(base.Settings())
    {
        ["ApplicationWorkflow:ConfirmationAskedBefore"] = "00:00:00",
        ["ApplicationWorkflow:ShiftReminderBefore"] = "00:00:00",
    };
}

/// <summary>Checking in and out at the workplace, each rule at its edge, and the wage paid from the record.</summary>
public sealed class AttendanceTests(AttendanceFixture fixture) : IClassFixture<AttendanceFixture>
{
    private static readonly AttendanceOptions Rules = new();

    // 1° of latitude on the sphere the fence is measured on.
    private const double MetersPerDegree = 6_371_000 * Math.PI / 180;

    [Fact]
    public async Task A_late_worker_checks_in_and_out_and_completion_pays_the_minutes_the_record_shows()
    {
        var shift = await MatchedAsync(breakMinutes: 60);

        fixture.Time.SetUtcNow(shift.Job.StartsAt.AddMinutes(7).AddSeconds(10));
        var checkedIn = await ScanAsync(shift, "check-in");
        fixture.Time.SetUtcNow(shift.Job.EndsAt.AddMinutes(30));
        var checkedOut = await ScanAsync(shift, "check-out");
        await fixture.SignContractByBothAsync(shift.ApplicationId);
        using var employer = fixture.Client(shift.Employer, UserRole.Employer);
        using var typedOtherwise = await employer.PostAsJsonAsync($"/jobs/applications/{shift.ApplicationId}/complete", new { minutesWorked = 480 });
        using var completed = await employer.PostAsJsonAsync($"/jobs/applications/{shift.ApplicationId}/complete", new { });

        Assert.Equal(8, checkedIn.LateMinutes);
        // 8 h 30 min after the start, less the 7 min 10 s late (started minutes are not paid), less the hour's break.
        Assert.Equal(8 * 60 + 30 - 8 - 60, checkedOut.MinutesWorked);
        Assert.Equal(HttpStatusCode.Conflict, typedOtherwise.StatusCode);
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        Assert.Equal(checkedOut.MinutesWorked, (await fixture.ApplicationAsync(shift.ApplicationId)).MinutesWorked);
        var seenByWorker = await AttendanceAsync(shift.ApplicationId, shift.Worker, UserRole.Worker);
        Assert.Equal(AttendanceSource.Scan, seenByWorker.CheckOutSource);
        Assert.Equal(checkedOut.MinutesWorked, seenByWorker.MinutesWorked);
    }

    [Fact]
    public async Task The_code_is_an_svg_qr_code_and_is_taken_until_it_expires_and_not_a_second_later()
    {
        var shift = await MatchedAsync(headcount: 2);
        var secondWorker = Guid.NewGuid();
        var second = await ApplyAndMatchAsync(shift.Job, secondWorker);
        fixture.Time.SetUtcNow(shift.Job.StartsAt.AddMinutes(-10));
        var code = await fixture.CheckInCodeAsync(shift.Job);

        fixture.Time.SetUtcNow(code.ExpiresAt.AddSeconds(-1));
        using var justInTime = await PostScanAsync(shift.ApplicationId, shift.Worker, "check-in", Scan(code.Payload, shift.Job));
        fixture.Time.SetUtcNow(code.ExpiresAt.AddSeconds(1));
        using var tooLate = await PostScanAsync(second, secondWorker, "check-in", Scan(code.Payload, shift.Job));

        Assert.Contains("<svg", code.Svg, StringComparison.Ordinal);
        Assert.True(code.ExpiresAt - shift.Job.StartsAt.AddMinutes(-10) <= 2 * Rules.CodeRotation);
        Assert.Equal(HttpStatusCode.OK, justInTime.StatusCode);
        await AssertRefusedAsync(tooLate, HttpStatusCode.BadRequest, "code");
    }

    [Fact]
    public async Task A_code_of_another_job_or_a_forged_one_is_refused()
    {
        var shift = await MatchedAsync();
        var other = await MatchedAsync();
        fixture.Time.SetUtcNow(shift.Job.StartsAt.AddMinutes(-5));
        var otherCode = await fixture.CheckInCodeAsync(other.Job);
        var parts = (await fixture.CheckInCodeAsync(shift.Job)).Payload.Split('.');

        using var otherJob = await PostScanAsync(shift.ApplicationId, shift.Worker, "check-in", Scan(otherCode.Payload, shift.Job));
        using var forged = await PostScanAsync(shift.ApplicationId, shift.Worker, "check-in", Scan($"{parts[0]}.{long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) + 5}.{parts[2]}", shift.Job));
        using var garbage = await PostScanAsync(shift.ApplicationId, shift.Worker, "check-in", Scan("QR 아님", shift.Job));

        await AssertRefusedAsync(otherJob, HttpStatusCode.BadRequest, "code");
        await AssertRefusedAsync(forged, HttpStatusCode.BadRequest, "code");
        await AssertRefusedAsync(garbage, HttpStatusCode.BadRequest, "code");
        Assert.Null((await AttendanceAsync(shift.ApplicationId, shift.Worker, UserRole.Worker)).CheckedInAt);
    }

    [Fact]
    public async Task Check_in_opens_thirty_minutes_before_the_start_and_not_a_minute_sooner()
    {
        var shift = await MatchedAsync();

        fixture.Time.SetUtcNow(shift.Job.StartsAt - Rules.OpensBeforeStart - TimeSpan.FromMinutes(1));
        var early = await TryScanAsync(shift, "check-in");
        fixture.Time.SetUtcNow(shift.Job.StartsAt - Rules.OpensBeforeStart);
        var onTime = await TryScanAsync(shift, "check-in");
        var again = await TryScanAsync(shift, "check-in");

        Assert.Equal(HttpStatusCode.Conflict, early);
        Assert.Equal(HttpStatusCode.OK, onTime);
        Assert.Equal(HttpStatusCode.Conflict, again);
        Assert.Equal(0, (await AttendanceAsync(shift.ApplicationId, shift.Worker, UserRole.Worker)).LateMinutes);
    }

    [Fact]
    public async Task A_position_just_outside_the_fence_is_refused_and_a_fix_whose_accuracy_reaches_inside_is_taken()
    {
        var shift = await MatchedAsync();
        fixture.Time.SetUtcNow(shift.Job.StartsAt.AddMinutes(-1));
        var code = (await fixture.CheckInCodeAsync(shift.Job)).Payload;
        // However poor the fix, it widens the fence by the cap at most.
        var outside = Scan(code, shift.Job, northMeters: Rules.GeofenceMeters + Rules.MaxCountedAccuracyMeters + 1, accuracyMeters: 5_000);
        var inside = Scan(code, shift.Job, northMeters: Rules.GeofenceMeters + 50, accuracyMeters: 60);

        using var refused = await PostScanAsync(shift.ApplicationId, shift.Worker, "check-in", outside);
        using var taken = await PostScanAsync(shift.ApplicationId, shift.Worker, "check-in", inside);

        await AssertRefusedAsync(refused, HttpStatusCode.BadRequest, "latitude");
        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
    }

    [Fact]
    public async Task Only_the_matched_worker_scans_and_only_their_employer_sets_times_by_hand_which_the_worker_sees()
    {
        var shift = await MatchedAsync();
        fixture.Time.SetUtcNow(shift.Job.StartsAt.AddHours(2));
        var code = (await fixture.CheckInCodeAsync(shift.Job)).Payload;
        var stranger = Guid.NewGuid();
        using var employer = fixture.Client(shift.Employer, UserRole.Employer);
        using var otherEmployer = fixture.Client(Guid.NewGuid(), UserRole.Employer);
        var inAt = shift.Job.StartsAt.AddMinutes(3);

        using var byStranger = await PostScanAsync(shift.ApplicationId, stranger, "check-in", Scan(code, shift.Job));
        using var byOtherEmployer = await otherEmployer.PutAsJsonAsync($"/jobs/applications/{shift.ApplicationId}/attendance", new { checkedInAt = inAt });
        using var inTheFuture = await employer.PutAsJsonAsync($"/jobs/applications/{shift.ApplicationId}/attendance", new { checkedInAt = shift.Job.StartsAt.AddHours(3) });
        using var outBeforeIn = await employer.PutAsJsonAsync($"/jobs/applications/{shift.ApplicationId}/attendance", new { checkedInAt = inAt, checkedOutAt = inAt.AddMinutes(-1) });
        using var byHand = await employer.PutAsJsonAsync($"/jobs/applications/{shift.ApplicationId}/attendance", new { checkedInAt = inAt });

        Assert.Equal(HttpStatusCode.NotFound, byStranger.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, byOtherEmployer.StatusCode);
        await AssertRefusedAsync(inTheFuture, HttpStatusCode.BadRequest, "checkedInAt");
        await AssertRefusedAsync(outBeforeIn, HttpStatusCode.BadRequest, "checkedOutAt");
        Assert.Equal(HttpStatusCode.OK, byHand.StatusCode);
        var seen = await AttendanceAsync(shift.ApplicationId, shift.Worker, UserRole.Worker);
        Assert.Equal(inAt, seen.CheckedInAt);
        Assert.Equal(AttendanceSource.Employer, seen.CheckInSource);
        Assert.Equal(3, seen.LateMinutes);
    }

    [Fact]
    public async Task A_time_set_by_hand_in_koreas_offset_is_kept_as_the_same_instant()
    {
        var shift = await MatchedAsync();
        fixture.Time.SetUtcNow(shift.Job.StartsAt.AddHours(2));
        using var employer = fixture.Client(shift.Employer, UserRole.Employer);
        var inAt = shift.Job.StartsAt.AddMinutes(4).ToOffset(TimeSpan.FromHours(9));

        using var byHand = await employer.PutAsJsonAsync($"/jobs/applications/{shift.ApplicationId}/attendance", new { checkedInAt = inAt });

        Assert.Equal(HttpStatusCode.OK, byHand.StatusCode);
        Assert.Equal(inAt, (await AttendanceAsync(shift.ApplicationId, shift.Worker, UserRole.Worker)).CheckedInAt);
    }

    [Fact]
    public async Task Each_time_put_on_the_record_a_dispute_and_the_confirmation_are_announced_and_a_refused_change_is_not()
    {
        var shift = await MatchedAsync(breakMinutes: 60);
        using var employer = fixture.Client(shift.Employer, UserRole.Employer);
        var applicationPath = $"/jobs/applications/{shift.ApplicationId}";

        fixture.Time.SetUtcNow(shift.Job.StartsAt - Rules.OpensBeforeStart - TimeSpan.FromMinutes(1));
        var tooEarly = await TryScanAsync(shift, "check-in");
        fixture.Time.SetUtcNow(shift.Job.StartsAt.AddMinutes(11).AddSeconds(30));
        var checkedIn = await ScanAsync(shift, "check-in");
        fixture.Time.SetUtcNow(shift.Job.EndsAt.AddMinutes(20));
        using var outInTheFuture = await employer.PutAsJsonAsync($"{applicationPath}/attendance", new { checkedOutAt = shift.Job.EndsAt.AddHours(1) });
        using var outByHand = await employer.PutAsJsonAsync($"{applicationPath}/attendance", new { checkedOutAt = shift.Job.EndsAt });
        using var reasonTooShort = await employer.PostAsJsonAsync($"{applicationPath}/attendance/dispute", new { reason = "x" });
        using var disputed = await employer.PostAsJsonAsync($"{applicationPath}/attendance/dispute", new { reason = "휴게시간을 1시간 30분 썼습니다" });
        await fixture.SignContractByBothAsync(shift.ApplicationId);
        using var completed = await employer.PostAsJsonAsync($"{applicationPath}/complete", new { });

        Assert.Equal(HttpStatusCode.Conflict, tooEarly);
        Assert.Equal(HttpStatusCode.BadRequest, outInTheFuture.StatusCode);
        Assert.Equal(HttpStatusCode.OK, outByHand.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, reasonTooShort.StatusCode);
        Assert.Equal(HttpStatusCode.OK, disputed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        string[] topics = ["worker-checked-in", "worker-checked-out", "attendance-disputed", "attendance-confirmed"];
        await fixture.Events.WaitForAsync(_ => topics.All(topic => fixture.EventsAbout(topic, "applicationId", shift.ApplicationId).Any()));
        foreach (var topic in topics)
        {
            var announced = Assert.Single(fixture.EventsAbout(topic, "applicationId", shift.ApplicationId));
            Assert.Equal(shift.Worker, announced.GetProperty("workerId").GetGuid());
            Assert.Equal(shift.Employer, announced.GetProperty("employerId").GetGuid());
            Assert.Equal(shift.Job.Title, announced.GetProperty("jobTitle").GetString());
        }
        var arrival = fixture.EventsAbout("worker-checked-in", "applicationId", shift.ApplicationId).Single();
        Assert.Equal(checkedIn.CheckedInAt, arrival.GetProperty("checkedInAt").GetDateTimeOffset());
        Assert.Equal(12, arrival.GetProperty("lateMinutes").GetInt32());
        Assert.False(arrival.GetProperty("setByEmployer").GetBoolean());
        var departure = fixture.EventsAbout("worker-checked-out", "applicationId", shift.ApplicationId).Single();
        Assert.Equal(shift.Job.EndsAt, departure.GetProperty("checkedOutAt").GetDateTimeOffset());
        Assert.True(departure.GetProperty("setByEmployer").GetBoolean());
        Assert.Equal("휴게시간을 1시간 30분 썼습니다", fixture.EventsAbout("attendance-disputed", "applicationId", shift.ApplicationId).Single().GetProperty("reason").GetString());
        var confirmed = fixture.EventsAbout("attendance-confirmed", "applicationId", shift.ApplicationId).Single();
        // 8 h from the start less the 12 started minutes late and the hour's break: what job-completed charges.
        Assert.Equal(8 * 60 - 12 - 60, confirmed.GetProperty("minutesWorked").GetInt32());
        Assert.True(confirmed.GetProperty("confirmedByEmployer").GetBoolean());
        Assert.Equal(checkedIn.CheckedInAt, confirmed.GetProperty("checkedInAt").GetDateTimeOffset());
        Assert.Equal(shift.Job.EndsAt, confirmed.GetProperty("checkedOutAt").GetDateTimeOffset());
    }

    private sealed record Shift(JobView Job, Guid Employer, Guid Worker, Guid ApplicationId);

    /// <summary>A job three hours ahead on the test's clock (Instant mode: applying matches) and a worker matched to it.</summary>
    private async Task<Shift> MatchedAsync(int breakMinutes = 0, int headcount = 3)
    {
        var employer = Guid.NewGuid();
        var worker = Guid.NewGuid();
        var terms = Terms.Job(startsIn: TimeSpan.FromHours(3), headcount: headcount, matchingMode: MatchingMode.Instant, now: fixture.Time.GetUtcNow()) with { BreakMinutes = breakMinutes };
        var job = await fixture.PostJobAsync(employer, terms);
        return new Shift(job, employer, worker, await ApplyAndMatchAsync(job, worker));
    }

    private async Task<Guid> ApplyAndMatchAsync(JobView job, Guid worker)
    {
        var (status, application) = await fixture.ApplyAsync(job.Id, worker);
        Assert.Equal(HttpStatusCode.Accepted, status);
        await fixture.WaitForStatusAsync(application!.Id, ApplicationStatus.Accepted);
        return application.Id;
    }

    /// <summary>A scan <paramref name="northMeters"/> north of the workplace.</summary>
    private static AttendanceScan Scan(string code, JobView job, double northMeters = 10, double accuracyMeters = 15) =>
        new(code, job.Latitude + northMeters / MetersPerDegree, job.Longitude, accuracyMeters);

    private async Task<HttpResponseMessage> PostScanAsync(Guid applicationId, Guid worker, string action, AttendanceScan scan)
    {
        using var client = fixture.Client(worker, UserRole.Worker);
        return await client.PostAsJsonAsync($"/jobs/applications/{applicationId}/{action}", scan, ContractJson.Options);
    }

    /// <summary>Scans the job's current code at the workplace; the answer's status.</summary>
    private async Task<HttpStatusCode> TryScanAsync(Shift shift, string action)
    {
        using var response = await PostScanAsync(shift.ApplicationId, shift.Worker, action, Scan((await fixture.CheckInCodeAsync(shift.Job)).Payload, shift.Job));
        return response.StatusCode;
    }

    private async Task<AttendanceView> ScanAsync(Shift shift, string action)
    {
        using var response = await PostScanAsync(shift.ApplicationId, shift.Worker, action, Scan((await fixture.CheckInCodeAsync(shift.Job)).Payload, shift.Job));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<AttendanceView>(ContractJson.Options))!;
    }

    private async Task<AttendanceView> AttendanceAsync(Guid applicationId, Guid userId, UserRole role)
    {
        using var client = fixture.Client(userId, role);
        return (await client.GetFromJsonAsync<AttendanceView>($"/jobs/applications/{applicationId}/attendance", ContractJson.Options))!;
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {body}");
        Assert.True(JsonDocument.Parse(body).RootElement.GetProperty("errors").TryGetProperty(field, out _), body);
    }
}
