using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OneDay.Contracts;
using OneDay.EndToEnd.Tests.Infrastructure;
using OneDay.Testing;

namespace OneDay.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class JobPagesTests(Shared<WebSystem> sharedSystem, Shared<Chromium> sharedBrowser)
{
    private readonly WebSystem _system = sharedSystem.Instance;
    private readonly Chromium _chromium = sharedBrowser.Instance;

    [Fact]
    public async Task An_employer_posts_a_job_a_worker_finds_it_by_its_initial_consonants_and_applies_and_the_employer_accepts()
    {
        await using var employer = await WebUser.SignedInAsync(_chromium.Browser, _system, "Employer");
        await using var worker = await WebUser.SignedInAsync(_chromium.Browser, _system, "Worker", width: 360, height: 740);
        var title = $"물류센터 상하차 {Guid.NewGuid().ToString("N")[..6]}";

        await employer.Page.GetByRole(AriaRole.Link, new() { Name = "공고 올리기" }).ClickAsync();
        await employer.Page.GetByLabel("제목").FillAsync(title);
        await employer.Page.GetByLabel("업종").SelectOptionAsync("물류/상하차");
        await employer.Page.GetByLabel("하는 일").FillAsync("택배 상자 상하차, 안전화 지참");
        await employer.CheckScreenAsync("post-job");
        await employer.Page.GetByRole(AriaRole.Button, new() { Name = "공고 올리기" }).ClickAsync();
        await Assertions.Expect(employer.Page.GetByRole(AriaRole.Heading, new() { Name = title })).ToBeVisibleAsync();
        await Assertions.Expect(employer.Page.GetByText("아직 지원자가 없습니다.")).ToBeVisibleAsync();
        var jobId = Guid.Parse(new Uri(employer.Page.Url).Segments[^1]);

        // Search learns of the job from its job-created event; the worker types once it has.
        await Eventually.TrueAsync(async () =>
            (await worker.Api.GetAsync("/search/suggestions?q=" + Uri.EscapeDataString("ㅁㄹㅅㅌ"))).GetProperty("suggestions")
                .EnumerateArray().Any(suggestion => suggestion.GetString() == title),
            TimeSpan.FromSeconds(30), "the posted job among search's suggestions", TimeSpan.FromMilliseconds(100));
        // Logging in lands on the job search: the worker types there (following its link would fetch the page again
        // and could replace it under the typing).
        await Assertions.Expect(worker.Page.GetByRole(AriaRole.Heading, new() { Name = "일자리 찾기" })).ToBeVisibleAsync();
        await worker.Page.GetByRole(AriaRole.Combobox, new() { Name = "검색어" }).PressSequentiallyAsync("ㅁㄹㅅㅌ");
        var suggestion = worker.Page.GetByRole(AriaRole.List, new() { Name = "추천 검색어" }).GetByRole(AriaRole.Link, new() { Name = title });
        await Assertions.Expect(suggestion).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await worker.CheckScreenAsync("job-search-suggestions");
        await suggestion.ClickAsync();
        var found = worker.Page.GetByRole(AriaRole.List, new() { Name = "검색 결과" }).GetByRole(AriaRole.Link, new() { Name = title });
        await Assertions.Expect(found).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await worker.CheckScreenAsync("job-search");
        await found.ClickAsync();
        await worker.Page.GetByRole(AriaRole.Button, new() { Name = "지원하기" }).ClickAsync();
        await Assertions.Expect(worker.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("지원했습니다");
        await worker.CheckScreenAsync("job");

        await worker.Page.GetByRole(AriaRole.Button, new() { Name = "지원하기" }).ClickAsync();
        await Assertions.Expect(worker.Page.Locator("#apply-error")).ToContainTextAsync("이미");

        // The application's workflow checks the worker's eligibility before the employer may decide.
        await Eventually.TrueAsync(async () =>
            (await employer.Api.GetAsync($"/jobs/{jobId}/applications")).EnumerateArray()
                .Any(application => application.GetProperty("status").GetString() == "Submitted"),
            TimeSpan.FromSeconds(30), "the application waiting for the employer's decision", TimeSpan.FromMilliseconds(100));
        await employer.Page.ReloadAsync();
        await Assertions.Expect(employer.Page.Locator(".status")).ToHaveTextAsync("검토 대기");
        await employer.Page.GetByRole(AriaRole.Button, new() { Name = "수락" }).ClickAsync();
        await Assertions.Expect(employer.Page.Locator(".status")).ToHaveTextAsync("확정");
        await employer.CheckScreenAsync("job-applicants");

        await worker.Page.GetByRole(AriaRole.Link, new() { Name = "내 지원" }).ClickAsync();
        await Assertions.Expect(worker.Page.Locator(".status")).ToHaveTextAsync("확정");
        await worker.CheckScreenAsync("my-applications");
    }

    [Fact]
    public async Task A_worker_finds_jobs_near_a_named_place_or_their_own_position_nearest_first_with_distances_narrows_them_by_wage_and_day_and_sees_no_map_without_a_tile_server()
    {
        await using var employer = await WebUser.SignedInAsync(_chromium.Browser, _system, "Employer");
        await using var worker = await WebUser.SignedInAsync(_chromium.Browser, _system, "Worker", width: 360, height: 740, position: Journey.Gangnam);
        var word = $"근처{Guid.NewGuid().ToString("N")[..6]}";
        // Posted farthest first, so nearest first is the search's order, not the order of posting.
        (string Title, (double, double) At, long Wage)[] jobs =
            [($"잠실 {word}", (37.5133, 127.1001), 180_000), ($"역삼 {word}", (37.5006, 127.0364), 150_000), ($"강남 {word}", Journey.Gangnam, 150_000)];
        var startsIn = TimeSpan.FromHours(30);
        foreach (var (title, at, wage) in jobs) await Journey.PostJobAsync(employer.Api, title, wage, startsIn, at: at);
        await Eventually.TrueAsync(async () =>
            (await worker.Api.GetAsync("/search/jobs?q=" + Uri.EscapeDataString(word))).GetProperty("items").GetArrayLength() == jobs.Length,
            TimeSpan.FromSeconds(30), "the three jobs searchable", TimeSpan.FromMilliseconds(100));
        var results = worker.Page.GetByRole(AriaRole.List, new() { Name = "검색 결과" }).GetByRole(AriaRole.Listitem);

        await worker.Page.GotoAsync("/jobs");
        await worker.Page.GetByRole(AriaRole.Combobox, new() { Name = "검색어" }).FillAsync(word);
        await worker.Page.GetByLabel("장소 (역이나 동네 이름)").FillAsync("없는동네");
        await worker.Page.GetByRole(AriaRole.Button, new() { Name = "검색", Exact = true }).ClickAsync();
        await Assertions.Expect(worker.Page.Locator("#near-error")).ToContainTextAsync("'없는동네'의 위치를 모릅니다");

        await worker.Page.GetByLabel("장소 (역이나 동네 이름)").FillAsync("강남");
        await worker.Page.GetByRole(AriaRole.Button, new() { Name = "검색", Exact = true }).ClickAsync();
        await Assertions.Expect(results.GetByRole(AriaRole.Link)).ToHaveTextAsync([$"강남 {word}", $"역삼 {word}", $"잠실 {word}"]);
        await Assertions.Expect(results.Locator("[data-field=distance]")).ToHaveTextAsync([new Regex("^강남역에서 0m$"), new Regex("^강남역에서 [89]\\d0m$"), new Regex("^강남역에서 [67](\\.\\d)?km$")]);
        await Assertions.Expect(worker.Page.GetByRole(AriaRole.Figure, new() { Name = "지도" })).ToHaveCountAsync(0);
        await Assertions.Expect(worker.Page.Locator("img.tile")).ToHaveCountAsync(0);
        await worker.CheckScreenAsync("job-search-near-a-place");

        await worker.Page.GetByRole(AriaRole.Button, new() { Name = "내 위치 주변" }).ClickAsync();
        await Assertions.Expect(results.Locator("[data-field=distance]").First).ToHaveTextAsync("내 위치에서 0m");
        await Assertions.Expect(results.GetByRole(AriaRole.Link)).ToHaveTextAsync([$"강남 {word}", $"역삼 {word}", $"잠실 {word}"]);

        // The conditions narrow the list: a wage floor and the work day (a Korean date), then a day with none of them.
        var workDay = KoreanTime.DateOf(DateTimeOffset.UtcNow + startsIn);
        await worker.Page.GetByLabel("최소 급여 (원)").FillAsync("170000");
        await worker.Page.GetByLabel("근무일").FillAsync(workDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await worker.Page.GetByRole(AriaRole.Button, new() { Name = "검색", Exact = true }).ClickAsync();
        await Assertions.Expect(results.GetByRole(AriaRole.Link)).ToHaveTextAsync([$"잠실 {word}"]);
        await worker.Page.GetByLabel("근무일").FillAsync(workDay.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await worker.Page.GetByRole(AriaRole.Button, new() { Name = "검색", Exact = true }).ClickAsync();
        await Assertions.Expect(worker.Page.GetByText("조건에 맞는 일자리가 없습니다.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_worker_is_told_the_employers_posting_form_is_not_for_them()
    {
        await using var worker = await WebUser.SignedInAsync(_chromium.Browser, _system, "Worker");

        await worker.Page.GotoAsync("/jobs/new");

        await Assertions.Expect(worker.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("권한이 없습니다");
        await Assertions.Expect(worker.Page.GetByRole(AriaRole.Button, new() { Name = "공고 올리기" })).ToHaveCountAsync(0);
        await worker.CheckScreenAsync("post-job-refused");
    }
}
