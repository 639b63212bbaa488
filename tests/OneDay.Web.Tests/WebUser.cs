using Microsoft.Playwright;
using OneDay.EndToEnd.Tests.Infrastructure;

namespace OneDay.Web.Tests;

/// <summary>A person at the web client in a browser context of their own (cookies, storage and screen size).</summary>
public sealed class WebUser(IBrowserContext context, IPage page, OneDayClient? api) : IAsyncDisposable
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

    public async Task LogInAsync(string email, string password)
    {
        await Page.GotoAsync("/login");
        await Page.GetByLabel("이메일").FillAsync(email);
        await Page.GetByLabel("비밀번호").FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "로그인" }).ClickAsync();
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
