using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace OneDay.Web.Tests;

/// <summary>
/// What every screen of the web client is held to when a test reaches it: axe-core finds no violation of the
/// WCAG 2.0 and 2.1 level A and AA rules, and, when asked for (<see cref="Folder"/>), screenshots of it at a phone's
/// and a desktop's width are kept as test artifacts. A test calls <see cref="WebUser.CheckScreenAsync"/> once the
/// screen shows what it is about, so the check costs one axe run on a page the test opened anyway.
/// </summary>
public static class ScreenCheck
{
    /// <summary>axe-core's tags for the success criteria of WCAG 2.0 and 2.1 at levels A and AA (axe-core's rule descriptions).</summary>
    public static readonly IReadOnlyList<string> WcagAAndAA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    /// <summary>
    /// Where the screenshots go: the folder ONEDAY_TEST_SCREENSHOTS names (scripts/test.sh names TestResults/screens,
    /// the run's artifacts), or none when it is unset (a bare dotnet test takes none).
    /// </summary>
    public static string? Folder { get; } = Environment.GetEnvironmentVariable("ONEDAY_TEST_SCREENSHOTS") is { Length: > 0 } folder ? folder : null;

    /// <summary>The two widths every screen is photographed at: the narrowest phone the client is made for, and a desktop.</summary>
    public static readonly IReadOnlyList<ViewportSize> Widths = [new() { Width = 360, Height = 740 }, new() { Width = 1280, Height = 900 }];

    /// <summary>
    /// Saves <paramref name="page"/> as <c>{name}-{width}.png</c> at each of <see cref="Widths"/> where screenshots
    /// are asked for (putting the page back at its own size after), then fails with every WCAG A/AA violation axe-core finds on it at its own size.
    /// </summary>
    public static async Task RunAsync(IPage page, string name)
    {
        var own = page.ViewportSize ?? throw new InvalidOperationException("a page without a fixed viewport cannot be photographed at a width");
        if (Folder is not null) await PhotographAsync(page, name, Folder, own);
        var width = own.Width;
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. WcagAAndAA] },
            ResultTypes = [ResultType.Violations],
        });
        Assert.True(result.Violations.Length == 0, Describe(name, width, result.Violations));
    }

    /// <summary>Saved before axe runs, so a screen that fails the check can be looked at.</summary>
    private static async Task PhotographAsync(IPage page, string name, string folder, PageViewportSizeResult own)
    {
        Directory.CreateDirectory(folder);
        foreach (var size in Widths.OrderBy(size => size.Width == own.Width))
        {
            await page.SetViewportSizeAsync(size.Width, size.Height);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{name}-{size.Width}.png"), FullPage = true, Animations = ScreenshotAnimations.Disabled });
        }
        await page.SetViewportSizeAsync(own.Width, own.Height);
    }

    private static string Describe(string name, int width, IEnumerable<AxeResultItem> violations)
    {
        var text = new StringBuilder($"{name} at {width} px breaks WCAG A/AA rules:");
        foreach (var violation in violations)
        {
            text.Append($"\n- {violation.Id} ({violation.Impact}): {violation.Help}");
            foreach (var node in violation.Nodes.Take(5)) text.Append($"\n    {node.Target}: {node.Html}");
        }
        return text.ToString();
    }
}
