namespace OneDay.Config.Tests.Roads;

/// <summary>A service-invocation route one app calls on another (e.g. jobs → users: GET /internal/users/*/eligibility).</summary>
internal sealed record ServiceCall(string Caller, string Callee, string Verb, string Path)
{
    public override string ToString() => $"{Caller} → {Callee}: {Verb} {Path}";
}

/// <summary>An event's topic, the apps that publish it and the apps that subscribe to it.</summary>
internal sealed record EventRoad(string Topic, IReadOnlyList<string> PublishedBy, IReadOnlyList<string> HeardBy)
{
    public override string ToString() =>
        $"{Topic}: published by {Names(PublishedBy)}, heard by {Names(HeardBy)}";

    private static string Names(IReadOnlyList<string> apps) => apps.Count == 0 ? "—" : string.Join(", ", apps);
}

/// <summary>Every road between the services: the calls and the events.</summary>
internal sealed record ServiceRoads(IReadOnlyList<ServiceCall> Calls, IReadOnlyList<EventRoad> Events)
{
    /// <summary>What one picture has that the other lacks, in words that name the picture and the road.</summary>
    public static IReadOnlyList<string> Differences(ServiceRoads readme, ServiceRoads code)
    {
        static IEnumerable<string> Missing(IEnumerable<object> from, IEnumerable<object> into, string where) =>
            from.Select(road => road.ToString()!).Except(into.Select(road => road.ToString()!), StringComparer.Ordinal)
                .Order(StringComparer.Ordinal).Select(road => $"{where}: {road}");

        return
        [
            .. Missing(code.Calls, readme.Calls, "in the code, not in README's table"),
            .. Missing(readme.Calls, code.Calls, "in README's table, not in the code"),
            .. Missing(code.Events, readme.Events, "in the code, not in README's table"),
            .. Missing(readme.Events, code.Events, "in README's table, not in the code"),
        ];
    }
}
