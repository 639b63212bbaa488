namespace OneDay.Deployment.Tests.Checks;

/// <summary>Which app loads which Dapr component (DESIGN §2).</summary>
internal static class ComponentUsage
{
    private static readonly string[] EventApps = ["users", "jobs", "payments", "search", "notifications", "chat"];

    public static IReadOnlyDictionary<string, IReadOnlyList<string>> AppsUsing(IReadOnlyCollection<string> allApps) =>
        new Dictionary<string, IReadOnlyList<string>>
        {
            // The gateway only routes; it neither publishes nor subscribes.
            ["pubsub"] = EventApps,
            // The saga actors' state.
            ["statestore"] = ["jobs", "payments"],
            ["secretstore"] = [.. allApps],
            ["email"] = ["notifications"],
            ["sms"] = ["notifications"],
            ["push"] = ["notifications"],
        };
}
