using OneDay.EndToEnd.Tests.Infrastructure;

namespace OneDay.Web.Tests;

/// <summary>
/// The end-to-end tests' system with the apps the web client's screens reach today: the pages, the gateway and
/// the services behind sign-up (users, and notifications for the e-mailed code), posting and applying (jobs) and
/// searching (search), paying and the wallet (payments), and the matched pair's rooms (chat).
/// </summary>
public sealed class WebSystem : OneDaySystem
{
    private static readonly HashSet<string> Reached = new(["web", "gateway", "users", "jobs", "search", "notifications", "payments", "chat"], StringComparer.Ordinal);

    protected override bool Runs(string appId) => Reached.Contains(appId);
}
