using Microsoft.Playwright;

namespace OneDay.Web.Tests;

/// <summary>
/// Debian's Chromium (`scripts/infra.sh up --chromium` installs it), launched headless by Playwright:
/// Playwright never downloads a browser here, and the flags keep Chromium off the network but for the pages
/// under test.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    private static string ExecutablePath =>
        Environment.GetEnvironmentVariable("ONEDAY_TEST_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath)) throw new InvalidOperationException($"{ExecutablePath} is missing: run scripts/infra.sh up --chromium (it installs Debian's chromium)");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-background-networking"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
