using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace OneDay.Web.Tests;

[Collection(WebCollection.Name)]
public sealed partial class NotificationPagesTests(Shared<WebSystem> sharedSystem, Shared<Chromium> sharedBrowser)
{
    private readonly WebSystem _system = sharedSystem.Instance;
    private readonly Chromium _chromium = sharedBrowser.Instance;

    [Fact]
    public async Task The_header_counts_unread_notifications_and_marking_one_read_lowers_it()
    {
        await using var worker = await WebUser.SignedInAsync(_chromium.Browser, _system, "Worker", width: 360, height: 740);
        var page = worker.Page;
        var unread = await UnreadAtApiAsync(worker, atLeast: 1); // the welcome, delivered in-app by an event

        await page.GotoAsync("/notifications");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = $"알림 (읽지 않은 알림 {unread}개)" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { NameRegex = ReadButton() }).First.ClickAsync();

        var left = unread - 1;
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = left > 0 ? $"알림 (읽지 않은 알림 {left}개)" : "알림", Exact = true })).ToBeVisibleAsync();
        await worker.CheckScreenAsync("notifications");
        Assert.Equal(left, (await worker.Api.GetAsync("/notifications/unread-count")).GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task A_worker_turns_off_push_for_accepted_applications_and_it_stays_off()
    {
        await using var worker = await WebUser.SignedInAsync(_chromium.Browser, _system, "Worker");
        var page = worker.Page;
        await page.GotoAsync("/notifications/preferences");
        var accepted = page.GetByRole(AriaRole.Group, new() { Name = "지원 수락" });
        await accepted.GetByLabel("푸시").UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "저장" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("저장했습니다");

        var kinds = (await worker.Api.GetAsync("/notifications/preferences")).GetProperty("kinds").EnumerateArray();
        var enabled = kinds.Single(k => k.GetProperty("kind").GetString() == "application-accepted").GetProperty("enabled").EnumerateArray().Select(c => c.GetString()).ToList();
        Assert.Equal(["in-app"], enabled);
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Group, new() { Name = "지원 수락" }).GetByLabel("푸시")).Not.ToBeCheckedAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Group, new() { Name = "지원 수락" }).GetByLabel("앱 안")).ToBeCheckedAsync();
        await worker.CheckScreenAsync("notification-preferences");
    }

    [Fact]
    public async Task A_person_whose_session_the_server_ended_logs_in_again_and_returns_to_the_page_they_asked_for()
    {
        await using var worker = await WebUser.SignedInAsync(_chromium.Browser, _system, "Worker");
        var page = worker.Page;
        await page.GotoAsync("/notifications");
        // Logging out ends the session at the server; the browser is then given its old cookie back, as a browser
        // holds one after the server has forgotten the session.
        var cookies = await worker.Context.CookiesAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "로그아웃" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "로그인" })).ToBeVisibleAsync();
        await worker.Context.AddCookiesAsync(cookies.Select(c => new Cookie { Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path, HttpOnly = c.HttpOnly, SameSite = c.SameSite }));

        await page.GotoAsync("/notifications");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/login\\?returnUrl=notifications"));
        await page.GetByLabel("이메일").FillAsync(worker.Api.Email);
        await page.GetByLabel("비밀번호").FillAsync(EndToEnd.Tests.Infrastructure.OneDayClient.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "로그인" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/notifications$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "알림" })).ToBeVisibleAsync();
    }

    private static async Task<int> UnreadAtApiAsync(WebUser user, int atLeast)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(20);
        while (true)
        {
            var count = (await user.Api.GetAsync("/notifications/unread-count")).GetProperty("count").GetInt32();
            if (count >= atLeast) return count;
            if (DateTimeOffset.UtcNow > deadline) throw new TimeoutException($"{count} unread notifications, not {atLeast}");
            await Task.Delay(100);
        }
    }

    [GeneratedRegex("읽음으로 표시$")]
    private static partial Regex ReadButton();
}
