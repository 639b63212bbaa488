namespace OneDay.Config.Tests;

internal sealed record OneDayApp(string AppId, string Project, int AppPort, int DaprHttpPort, int DaprGrpcPort)
{
    public string AppDirPath => $"./services/{Project}/OneDay.{Project}";
}

/// <summary>The services (README, Configuration) with their self-hosted ports.</summary>
internal static class OneDayApps
{
    public static IReadOnlyList<OneDayApp> All { get; } =
    [
        new("gateway", "Gateway", 3000, 3500, 50100),
        new("users", "Users", 3001, 3501, 50101),
        new("jobs", "Jobs", 3002, 3502, 50102),
        new("payments", "Payments", 3003, 3503, 50103),
        new("search", "Search", 3004, 3504, 50104),
        new("notifications", "Notifications", 3005, 3505, 50105),
        new("chat", "Chat", 3006, 3506, 50106),
        new("web", "Web", 3007, 3507, 50107),
    ];

    public static IReadOnlySet<string> Ids { get; } = All.Select(app => app.AppId).ToHashSet(StringComparer.Ordinal);
}
