using System.Text.RegularExpressions;
using OneDay.Config.Tests;
using OneDay.Deployment.Tests.Manifests;

namespace OneDay.Deployment.Tests.Checks;

/// <summary>
/// Which app loads which Dapr component, read from each app's own code (found through dapr.yaml's
/// appDirPath), so a service that starts publishing, hosting actors or sending through a binding is checked
/// against the manifests without anyone remembering to update a list here.
/// </summary>
internal static partial class ComponentUsage
{
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> AppsUsing(IReadOnlyCollection<string> allApps)
    {
        var sources = allApps.ToDictionary(app => app, app => SourceOf(RunTemplate.AppDirectories[app]), StringComparer.Ordinal);
        IReadOnlyList<string> Where(Func<string, bool> uses) => [.. allApps.Where(app => uses(sources[app])).Order(StringComparer.Ordinal)];
        var usage = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            // The outbox publishes what a service's database commits; handlers subscribe.
            ["pubsub"] = Where(code => code.Contains("AddServiceDatabase<", StringComparison.Ordinal) || code.Contains("MapIntegrationEventHandler<", StringComparison.Ordinal)),
            // The saga actors' state.
            ["statestore"] = Where(code => code.Contains("AddActors(", StringComparison.Ordinal)),
            // Every service's configuration secrets.
            ["secretstore"] = Where(code => code.Contains("AddServiceDefaults(", StringComparison.Ordinal)),
        };
        foreach (var binding in sources.Values.SelectMany(code => BindingCall().Matches(code)).Select(match => match.Groups["name"].Value).Distinct())
            usage[binding] = Where(code => code.Contains($"InvokeBindingAsync(\"{binding}\"", StringComparison.Ordinal));
        return usage;
    }

    private static string SourceOf(string appDirectory) => string.Join('\n',
        Directory.EnumerateFiles(Repository.PathOf(appDirectory), "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains("/obj/", StringComparison.Ordinal) && !file.Contains("/bin/", StringComparison.Ordinal))
            .Select(File.ReadAllText));

    [GeneratedRegex("InvokeBindingAsync\\(\"(?<name>[a-z0-9-]+)\"")]
    private static partial Regex BindingCall();
}
