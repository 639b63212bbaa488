using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OneDay.EndToEnd.Tests.Infrastructure;
using OneDay.Testing;

namespace OneDay.Web.Tests;

/// <summary>A person at the web client in a browser context of their own (cookies, storage and screen size).</summary>
public sealed partial class WebUser(IBrowserContext context, IPage page, OneDayClient? api) : IAsyncDisposable
{
    public IBrowserContext Context { get; } = context;

    public IPage Page { get; } = page;

    /// <summary>The same account at the public API, for what a test needs but does not test (set-up, waiting on events).</summary>
    public OneDayClient Api => api ?? throw new InvalidOperationException("an anonymous visitor has no account");

    /// <summary>Someone who has not signed in.</summary>
    public static async Task<WebUser> VisitorAsync(IBrowser browser, OneDaySystem system, int width = 1280, int height = 900)
    {
        var context = await NewContextAsync(browser, system, width, height);
        return new WebUser(context, await context.NewPageAsync(), null);
    }

    /// <summary>
    /// A verified <paramref name="role"/> ("Worker" or "Employer") signed in at the web client. The account is
    /// opened through the API (the sign-up pages have a test of their own); the log-in is the page's. With
    /// <paramref name="position"/> the browser may tell the pages where the person is, and says they are there.
    /// </summary>
    public static async Task<WebUser> SignedInAsync(
        IBrowser browser, OneDaySystem system, string role, int width = 1280, int height = 900, (double Latitude, double Longitude)? position = null)
    {
        var api = await OneDayClient.SignUpAsync(system, role, $"웹{role}{Guid.NewGuid().ToString("N")[..6]}");
        var context = await NewContextAsync(browser, system, width, height, position);
        var user = new WebUser(context, await context.NewPageAsync(), api);
        await user.LogInAsync(api.Email, OneDayClient.Password);
        await Assertions.Expect(user.Page.GetByRole(AriaRole.Button, new() { Name = "로그아웃" })).ToBeVisibleAsync();
        return user;
    }

    /// <summary>The password of the accounts opened at the sign-up page here.</summary>
    public const string Password = "하루-일당-충분히-긴-비밀번호";

    /// <summary>
    /// A <paramref name="role"/> who opens the account at the pages: signs up, verifies the e-mailed code and logs
    /// in. The same account is then logged in at the API too, for the set-up a test does not test.
    /// </summary>
    public static async Task<WebUser> SignsUpAsync(
        IBrowser browser, OneDaySystem system, string role, int width = 1280, int height = 900, (double Latitude, double Longitude)? position = null)
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var (name, email) = ($"웹가입{id}", $"web-{id}@oneday.test");
        var context = await NewContextAsync(browser, system, width, height, position);
        var visitor = new WebUser(context, await context.NewPageAsync(), null);
        await visitor.RegisterAsync(role, email, Password, name);
        await visitor.VerifyAsync(await VerificationCodeAsync(system, name));
        await visitor.LogInAsync(email, Password);
        await Assertions.Expect(visitor.Page.GetByRole(AriaRole.Button, new() { Name = "로그아웃" })).ToBeVisibleAsync();
        return new WebUser(context, visitor.Page, await OneDayClient.LogInAsync(system, email, Password));
    }

    /// <summary>Fills in the sign-up page and waits for its answer that the code was e-mailed.</summary>
    public async Task RegisterAsync(string role, string email, string password, string displayName)
    {
        await Page.GotoAsync("/register");
        await Page.GetByLabel(role == "Employer" ? "사람을 구해요" : "일하고 싶어요").CheckAsync();
        await Page.GetByLabel("이메일").FillAsync(email);
        await Page.GetByLabel("비밀번호").FillAsync(password);
        await Page.GetByLabel("이름").FillAsync(displayName);
        await Page.GetByLabel("휴대전화").FillAsync($"010-{Random.Shared.Next(1000, 10000)}-{Random.Shared.Next(1000, 10000)}");
        await Page.GetByRole(AriaRole.Button, new() { Name = "가입하기" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("메일을 보냈습니다");
    }

    /// <summary>From the sign-up page's answer, enters the e-mailed code and waits for the address to be verified.</summary>
    public async Task VerifyAsync(string code)
    {
        await Page.GetByRole(AriaRole.Link, new() { Name = "이메일 인증하기" }).ClickAsync();
        await Page.GetByLabel("인증 코드").FillAsync(code);
        await Page.GetByRole(AriaRole.Button, new() { Name = "인증하기" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("인증했습니다");
    }

    /// <summary>
    /// The code in the verification e-mail the email binding wrote. The pages never show the new account's id,
    /// so the e-mail is found by the person's unique name.
    /// </summary>
    public static async Task<string> VerificationCodeAsync(OneDaySystem system, string displayName)
    {
        var folder = Path.Combine(system.Scratch, ".dev", "outbox", "email");
        string? code = null;
        await Eventually.TrueAsync(() =>
        {
            code = Directory.Exists(folder)
                ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
                    .Select(File.ReadAllText)
                    .Where(mail => mail.Contains(displayName, StringComparison.Ordinal))
                    .Select(mail => VerificationLink().Match(mail))
                    .FirstOrDefault(match => match.Success)?.Groups[1].Value
                : null;
            return Task.FromResult(code is not null);
        }, TimeSpan.FromSeconds(30), $"the verification e-mail to {displayName}");
        return code!;
    }

    [GeneratedRegex(@"verify-email\?token=([A-Za-z0-9_\-]+)")]
    private static partial Regex VerificationLink();

    public async Task LogInAsync(string email, string password)
    {
        await Page.GotoAsync("/login");
        await Page.GetByLabel("이메일").FillAsync(email);
        await Page.GetByLabel("비밀번호").FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "로그인" }).ClickAsync();
    }

    /// <summary>
    /// Holds the screen the page shows to <see cref="ScreenCheck"/> (WCAG A/AA by axe-core, screenshots at phone and
    /// desktop width, saved as <c>{name}-{width}.png</c>): call it once the screen shows what the test is about.
    /// </summary>
    public Task CheckScreenAsync(string name) => ScreenCheck.RunAsync(Page, name);

    /// <summary>At the wallet page, asks to withdraw <paramref name="amountKrw"/>.</summary>
    public async Task WithdrawAsync(long amountKrw)
    {
        await Page.GetByLabel("출금할 금액 (원)").FillAsync(amountKrw.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Page.GetByRole(AriaRole.Button, new() { Name = "출금하기" }).ClickAsync();
    }

    private static Task<IBrowserContext> NewContextAsync(
        IBrowser browser, OneDaySystem system, int width, int height, (double Latitude, double Longitude)? position = null) =>
        browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = system.App("web").BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "ko-KR",
            Permissions = position is null ? [] : ["geolocation"],
            Geolocation = position is { } at ? new Geolocation { Latitude = (float)at.Latitude, Longitude = (float)at.Longitude, Accuracy = 15 } : null,
        });

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        if (api is not null) await api.DisposeAsync();
    }
}
