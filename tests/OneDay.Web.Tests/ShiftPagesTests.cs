using Microsoft.Playwright;
using OneDay.EndToEnd.Tests.Infrastructure;

namespace OneDay.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class ShiftPagesTests(Shared<WebSystem> sharedSystem, Shared<Chromium> sharedBrowser)
{
    private readonly WebSystem _system = sharedSystem.Instance;
    private readonly Chromium _chromium = sharedBrowser.Instance;

    [Fact]
    public async Task A_worker_at_the_workplace_checks_in_with_the_code_the_employers_screen_shows_and_both_see_the_record()
    {
        await using var employer = await WebUser.SignedInAsync(_chromium.Browser, _system, "Employer");
        await using var worker = await WebUser.SignedInAsync(_chromium.Browser, _system, "Worker", width: 360, height: 740, position: Journey.Gangnam);
        var (job, applicationId) = await Journey.MatchAsync(employer.Api, worker.Api, TimeSpan.FromMinutes(10));
        var jobId = job.GetProperty("id").GetGuid();

        // The worker's page is open before the code is read: a code is taken for 30 to 60 s, and on a loaded
        // machine loading a page can take a good part of that.
        await worker.Page.GetByRole(AriaRole.Link, new() { Name = "내 지원" }).ClickAsync();
        await Assertions.Expect(worker.Page.GetByLabel("출근 코드")).ToBeVisibleAsync();
        await employer.Page.GotoAsync($"/jobs/{jobId}");
        await employer.Page.GetByRole(AriaRole.Link, new() { Name = "출근 코드" }).ClickAsync();
        await Assertions.Expect(employer.Page.GetByRole(AriaRole.Img, new() { Name = "출근 QR 코드" })).ToBeVisibleAsync();
        var code = await employer.Page.GetByLabel("코드").InputValueAsync();

        await worker.Page.GetByLabel("출근 코드").FillAsync(code);
        await worker.Page.GetByRole(AriaRole.Button, new() { Name = "출근하기" }).ClickAsync();
        await Assertions.Expect(worker.Page.Locator("[data-field=checked-in]")).ToContainTextAsync("코드");
        await Assertions.Expect(worker.Page.Locator("[data-field=late]")).ToHaveTextAsync("0분");
        await Assertions.Expect(worker.Page.GetByRole(AriaRole.Button, new() { Name = "퇴근하기" })).ToBeVisibleAsync();
        await worker.CheckScreenAsync("checked-in");
        await employer.CheckScreenAsync("check-in-code");

        var taken = (await worker.Api.GetAsync($"/jobs/applications/{applicationId}/attendance")).GetProperty("checkedInAt").GetDateTimeOffset();
        await employer.Page.GotoAsync($"/jobs/{jobId}");
        await Assertions.Expect(employer.Page.Locator("[data-field=checked-in]"))
            .ToContainTextAsync(taken.ToOffset(TimeSpan.FromHours(9)).ToString("M월 d일 HH:mm"));
        await Assertions.Expect(employer.Page.Locator("[data-field=checked-out]")).ToContainTextAsync("기록 없음");
        await employer.CheckScreenAsync("job-attendance");
    }

    [Fact]
    public async Task A_mistyped_code_is_refused_in_korean_beside_the_button_and_nothing_is_recorded()
    {
        await using var employer = await WebUser.SignedInAsync(_chromium.Browser, _system, "Employer");
        await using var worker = await WebUser.SignedInAsync(_chromium.Browser, _system, "Worker", width: 360, height: 740, position: Journey.Gangnam);
        var (_, applicationId) = await Journey.MatchAsync(employer.Api, worker.Api, TimeSpan.FromMinutes(10));

        await worker.Page.GotoAsync("/applications");
        await worker.Page.GetByLabel("출근 코드").FillAsync("123456");
        await worker.Page.GetByRole(AriaRole.Button, new() { Name = "출근하기" }).ClickAsync();

        await Assertions.Expect(worker.Page.Locator($"#code-{applicationId}-error")).ToHaveTextAsync("올바른 출근 코드가 아닙니다.");
        await Assertions.Expect(worker.Page.GetByRole(AriaRole.Button, new() { Name = "출근하기" })).ToBeVisibleAsync();
        await Assertions.Expect(worker.Page.Locator("[data-field=checked-in]")).ToHaveCountAsync(0);
        // The API leaves unset times out of its answer.
        Assert.False((await worker.Api.GetAsync($"/jobs/applications/{applicationId}/attendance")).TryGetProperty("checkedInAt", out _));
    }

    [Fact]
    public async Task An_employer_sets_the_arrival_by_hand_objects_to_the_record_completes_the_work_and_both_rate_each_other_once()
    {
        await using var employer = await WebUser.SignedInAsync(_chromium.Browser, _system, "Employer");
        await using var worker = await WebUser.SignedInAsync(_chromium.Browser, _system, "Worker", width: 360, height: 740);
        var (job, applicationId) = await Journey.MatchAsync(employer.Api, worker.Api, TimeSpan.FromSeconds(25));
        var arrived = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(9)).AddMinutes(-1);

        await employer.Page.GotoAsync($"/jobs/{job.GetProperty("id").GetGuid()}");
        await employer.Page.GetByText("출퇴근 시각 직접 기록").ClickAsync();
        await employer.Page.GetByLabel("출근 시각").FillAsync(arrived.ToString("yyyy-MM-ddTHH:mm"));
        await employer.Page.GetByRole(AriaRole.Button, new() { Name = "기록 저장" }).ClickAsync();
        await Assertions.Expect(employer.Page.Locator("[data-field=checked-in]")).ToHaveTextAsync($"{arrived:M월 d일 HH:mm} 사업주 기록");

        await employer.Page.GetByText("출퇴근 시각 직접 기록").ClickAsync();
        await employer.Page.GetByLabel("퇴근 시각").FillAsync(arrived.AddMinutes(-1).ToString("yyyy-MM-ddTHH:mm"));
        await employer.Page.GetByRole(AriaRole.Button, new() { Name = "기록 저장" }).ClickAsync();
        await Assertions.Expect(employer.Page.Locator($"#checkedOutAt-{applicationId}-error")).ToHaveTextAsync("퇴근 시각은 출근 시각 뒤여야 합니다.");
        await Assertions.Expect(employer.Page.Locator("[data-field=checked-out]")).ToHaveTextAsync("기록 없음 ");
        await Assertions.Expect(employer.Page.Locator("[data-field=applicant-record]")).ToContainTextAsync("노쇼 0회");

        await employer.Page.GetByText("기록에 이의 제기").ClickAsync();
        await employer.Page.GetByLabel("이의 사유").FillAsync("휴게시간을 1시간 더 썼습니다");
        await employer.Page.GetByRole(AriaRole.Button, new() { Name = "이의 제기", Exact = true }).ClickAsync();
        await Assertions.Expect(employer.Page.Locator("[data-field=dispute]")).ToHaveTextAsync("휴게시간을 1시간 더 썼습니다");
        await Assertions.Expect(employer.Page.Locator("[data-field=record-state]")).ToHaveTextAsync("사업주가 이의를 제기함");
        await employer.CheckScreenAsync("attendance-disputed");

        await worker.Page.GotoAsync("/applications");
        await Assertions.Expect(worker.Page.Locator("[data-field=checked-in]")).ToHaveTextAsync($"{arrived:M월 d일 HH:mm} 사업주 기록");
        await Assertions.Expect(worker.Page.Locator("[data-field=dispute]")).ToHaveTextAsync("휴게시간을 1시간 더 썼습니다");
        await Assertions.Expect(worker.Page.Locator("[data-field=reliability]")).ToContainTextAsync("내 벌점 0점");

        // The work is completed only under the labour contract both have read and signed on their screens.
        await Journey.WaitUntilStartedAsync(job);
        await employer.Page.GetByRole(AriaRole.Button, new() { Name = "근무 완료 처리" }).ClickAsync();
        await Assertions.Expect(employer.Page.Locator($"#complete-{applicationId}-error")).ToContainTextAsync("근로계약서");
        await Assertions.Expect(worker.Page.Locator("[data-field=contract-text]")).ToContainTextAsync("근로계약서");
        await Assertions.Expect(worker.Page.Locator("[data-field=contract-status]")).ToHaveTextAsync("사업주 서명 대기 · 근로자 서명 대기");
        await worker.CheckScreenAsync("labour-contract");
        await worker.Page.GetByRole(AriaRole.Button, new() { Name = "계약서에 서명" }).ClickAsync();
        await Assertions.Expect(worker.Page.Locator($"#sign-{applicationId}-error")).ToContainTextAsync("동의");
        await worker.Page.GetByRole(AriaRole.Checkbox, new() { Name = "위 근로계약서의 내용을 모두 읽고" }).CheckAsync();
        await worker.Page.GetByRole(AriaRole.Button, new() { Name = "계약서에 서명" }).ClickAsync();
        await Assertions.Expect(worker.Page.Locator("[data-field=contract-status]")).ToHaveTextAsync("사업주 서명 대기 · 근로자 서명 완료");
        await employer.Page.GetByRole(AriaRole.Checkbox, new() { Name = "위 근로계약서의 내용을 모두 읽고" }).CheckAsync();
        await employer.Page.GetByRole(AriaRole.Button, new() { Name = "계약서에 서명" }).ClickAsync();
        await Assertions.Expect(employer.Page.Locator("[data-field=contract-status]")).ToHaveTextAsync("양측 서명 완료");
        await employer.Page.GetByRole(AriaRole.Button, new() { Name = "근무 완료 처리" }).ClickAsync();
        await Assertions.Expect(employer.Page.Locator(".status")).ToHaveTextAsync("근무 완료");
        await Assertions.Expect(employer.Page.Locator("[data-field=record-state]")).ToHaveTextAsync("사업주 확인 완료");

        // After the work each side rates the other once; what is offered after that is changing it, for a day.
        await employer.Page.GetByRole(AriaRole.Radio, new() { Name = "4점" }).CheckAsync();
        await employer.Page.GetByLabel("한 줄 평").FillAsync("성실하게 일했습니다");
        await employer.Page.GetByRole(AriaRole.Button, new() { Name = "평가 남기기" }).ClickAsync();
        await Assertions.Expect(employer.Page.Locator("[data-field=rating-given]")).ToHaveTextAsync("★★★★☆ 4점 · 성실하게 일했습니다");
        await Assertions.Expect(employer.Page.GetByRole(AriaRole.Button, new() { Name = "평가 남기기" })).ToHaveCountAsync(0);
        await employer.Page.GetByText("별점·한 줄 평 고치기").ClickAsync();
        await employer.Page.GetByRole(AriaRole.Radio, new() { Name = "5점" }).CheckAsync();
        await employer.Page.GetByRole(AriaRole.Button, new() { Name = "평가 고치기" }).ClickAsync();
        await Assertions.Expect(employer.Page.Locator("[data-field=rating-given]")).ToHaveTextAsync("★★★★★ 5점 · 성실하게 일했습니다");
        await employer.CheckScreenAsync("rating-given");

        await worker.Page.ReloadAsync();
        await Assertions.Expect(worker.Page.Locator("[data-field=record-state]")).ToHaveTextAsync("사업주 확인 완료");
        await Assertions.Expect(worker.Page.Locator("[data-field=rating-received]")).ToHaveTextAsync("★★★★★ 5점 · 성실하게 일했습니다");
        await worker.CheckScreenAsync("rating-received");
        await worker.Page.GetByRole(AriaRole.Radio, new() { Name = "3점" }).CheckAsync();
        await worker.Page.GetByRole(AriaRole.Button, new() { Name = "평가 남기기" }).ClickAsync();
        await Assertions.Expect(worker.Page.Locator("[data-field=rating-given]")).ToHaveTextAsync("★★★☆☆ 3점");
        await Assertions.Expect(worker.Page.GetByRole(AriaRole.Button, new() { Name = "평가 남기기" })).ToHaveCountAsync(0);
        Assert.Equal(2, (await worker.Api.GetAsync($"/jobs/applications/{applicationId}/ratings")).GetArrayLength());
    }
}
