using Microsoft.Playwright;
using OneDay.EndToEnd.Tests.Infrastructure;

namespace OneDay.Web.Tests;

[Collection(WebMoneyCollection.Name)]
public sealed class ChatAndProfilePagesTests(Shared<WebSystem> sharedSystem, Shared<Chromium> sharedBrowser)
{
    private readonly WebSystem _system = sharedSystem.Instance;
    private readonly Chromium _chromium = sharedBrowser.Instance;

    [Fact]
    public async Task A_matched_worker_and_employer_chat_live_from_their_pages_and_a_stranger_cannot_open_the_room()
    {
        await using var employer = await WebUser.SignedInAsync(_chromium.Browser, _system, "Employer");
        await using var worker = await WebUser.SignedInAsync(_chromium.Browser, _system, "Worker", width: 360, height: 740);
        await using var stranger = await WebUser.SignedInAsync(_chromium.Browser, _system, "Worker", width: 360, height: 740);
        var (job, applicationId) = await Journey.MatchAsync(employer.Api, worker.Api, TimeSpan.FromHours(3));
        var title = job.GetProperty("title").GetString()!;
        await Journey.RoomOfAsync(worker.Api, applicationId); // chat opens the room when job-matched reaches it

        await worker.Page.GetByRole(AriaRole.Link, new() { Name = "내 지원" }).ClickAsync();
        await worker.Page.GetByRole(AriaRole.Link, new() { Name = "사업주와 채팅" }).ClickAsync();
        await Assertions.Expect(worker.Page.GetByRole(AriaRole.Heading, new() { Name = title })).ToBeVisibleAsync();
        await Assertions.Expect(worker.Page.Locator("[data-live-updates]")).ToBeAttachedAsync();
        var room = worker.Page.Url;
        // A mark only this page load holds: a reload would lose it.
        await worker.Page.EvaluateAsync("() => window.sameLoad = true");

        await employer.Page.GotoAsync($"/jobs/{job.GetProperty("id").GetGuid()}");
        await employer.Page.GetByRole(AriaRole.Link, new() { Name = "지원자와 채팅" }).ClickAsync();
        await Assertions.Expect(employer.Page).ToHaveURLAsync(room);
        await Assertions.Expect(employer.Page.Locator("[data-live-updates]")).ToBeAttachedAsync();
        await SendAsync(employer, "안녕하세요, 내일 8시까지 정문으로 와 주세요.");

        var workerMessages = worker.Page.GetByRole(AriaRole.List, new() { Name = "메시지" });
        await Assertions.Expect(workerMessages).ToContainTextAsync("안녕하세요, 내일 8시까지 정문으로 와 주세요.");
        Assert.True(await worker.Page.EvaluateAsync<bool>("() => window.sameLoad === true"), "the worker's room was reloaded to show the message");
        await SendAsync(worker, "네, 안전화 챙겨 가겠습니다.");
        await Assertions.Expect(employer.Page.GetByRole(AriaRole.List, new() { Name = "메시지" })).ToContainTextAsync("네, 안전화 챙겨 가겠습니다.");
        await Assertions.Expect(workerMessages.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(2);
        await worker.CheckScreenAsync("chat-room");

        await worker.Page.GetByRole(AriaRole.Link, new() { Name = "채팅", Exact = true }).ClickAsync();
        // The pair's own room, read to the end, beside the job's room for all its matched workers.
        var rooms = worker.Page.GetByRole(AriaRole.List, new() { Name = "채팅방 목록" }).GetByRole(AriaRole.Listitem).Filter(new() { HasText = title });
        await Assertions.Expect(rooms).ToHaveCountAsync(2);
        var direct = rooms.Filter(new() { HasNotText = "단체 채팅방" });
        await Assertions.Expect(direct).ToContainTextAsync("네, 안전화 챙겨 가겠습니다.");
        await Assertions.Expect(direct.GetByLabel("읽지 않은 메시지", new() { Exact = false })).ToHaveCountAsync(0);
        await worker.CheckScreenAsync("chat-rooms");

        await stranger.Page.GotoAsync(room);
        await Assertions.Expect(stranger.Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("채팅방을 찾을 수 없습니다.");
        await Assertions.Expect(stranger.Page.GetByText("정문으로 와 주세요")).ToHaveCountAsync(0);
        await Assertions.Expect(stranger.Page.GetByLabel("메시지")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_worker_registers_a_payout_account_with_the_current_password_and_may_then_withdraw()
    {
        await using var worker = await WebUser.SignedInAsync(_chromium.Browser, _system, "Worker", width: 360, height: 740);
        var page = worker.Page;
        await page.GetByRole(AriaRole.Link, new() { Name = "내 지갑" }).ClickAsync();
        await worker.WithdrawAsync(10_000);
        await Assertions.Expect(page.Locator("#withdraw-error")).ToHaveTextAsync("출금 계좌를 먼저 등록해 주세요.");

        await page.GetByRole(AriaRole.Link, new() { Name = "내 정보" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "내 정보" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-field=payout-account]")).ToHaveTextAsync("등록된 계좌가 없습니다. 출금하려면 계좌를 등록해 주세요.");
        var account = page.GetByRole(AriaRole.Group, new() { Name = "출금 계좌" });
        await account.GetByLabel("은행").FillAsync("신한은행");
        await account.GetByLabel("계좌번호").FillAsync("110-432-987654");
        await account.GetByLabel("예금주").FillAsync("웹알바");
        await account.GetByLabel("현재 비밀번호").FillAsync("틀린-비밀번호-123");
        await page.GetByRole(AriaRole.Button, new() { Name = "저장" }).ClickAsync();
        await Assertions.Expect(page.Locator("#currentPassword-error")).ToHaveTextAsync("현재 비밀번호가 올바르지 않습니다.");
        Assert.False((await worker.Api.GetAsync("/users/profile")).TryGetProperty("payoutAccount", out _), "a payout account was saved with a wrong password");

        // The form comes back as it was sent but for the password, which a page never writes back.
        await Assertions.Expect(account.GetByLabel("계좌번호")).ToHaveValueAsync("110-432-987654");
        await account.GetByLabel("현재 비밀번호").FillAsync(OneDayClient.Password);
        await page.GetByLabel("이름").FillAsync("웹알바");
        await page.GetByRole(AriaRole.Button, new() { Name = "저장" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("내 정보를 저장했습니다.");
        await Assertions.Expect(page.Locator("[data-field=payout-account]")).ToHaveTextAsync("신한은행 ********7654 (웹알바)");
        await Assertions.Expect(page.GetByLabel("이름")).ToHaveValueAsync("웹알바");
        await worker.CheckScreenAsync("profile");

        // With an account on record the withdrawal gets as far as the balance, which holds nothing yet.
        await page.GetByRole(AriaRole.Link, new() { Name = "내 지갑" }).ClickAsync();
        await worker.WithdrawAsync(10_000);
        await Assertions.Expect(page.Locator("#withdraw-error")).ToHaveTextAsync("출금 가능 금액이 부족합니다.");
    }

    private static async Task SendAsync(WebUser person, string text)
    {
        var form = person.Page.GetByRole(AriaRole.Form, new() { Name = "메시지 보내기" });
        await form.GetByLabel("메시지").FillAsync(text);
        await form.GetByRole(AriaRole.Button, new() { Name = "보내기" }).ClickAsync();
        await Assertions.Expect(form.GetByLabel("메시지")).ToHaveValueAsync("");
    }
}
