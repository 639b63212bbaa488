using System.Text.RegularExpressions;
using OneDay.Deployment.Tests.Manifests;
using OneDay.Testing;

namespace OneDay.Deployment.Tests.Checks;

/// <summary>
/// Which app loads which Dapr component, read from each app's own code (found through dapr.yaml's
/// appDirPath), so a service that starts publishing, hosting actors or sending through a binding is checked
/// against the manifests without anyone remembering to update a list here.
/// </summary>
internal static partial class ComponentUsage
{
    // Each app's code, read once for every overlay and test.
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Sources = new(() =>
        RunTemplate.AppDirectories.ToDictionary(app => app.Key, app => SourceOf(app.Value), StringComparer.Ordinal));

    /// <summary>
    /// Who uses each component the code reveals, and each binding the manifests declare (one that no code
    /// invokes then shows as used by nobody, and its scopes are reported).
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> AppsUsing(IReadOnlyCollection<string> allApps, IEnumerable<string> declaredBindings)
    {
        var sources = Sources.Value;
        IReadOnlyList<string> Where(Func<string, bool> uses) => [.. allApps.Where(app => uses(sources[app])).Order(StringComparer.Ordinal)];
        var usage = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            // The outbox publishes what a service's database commits; handlers subscribe.
            ["pubsub"] = Where(code => code.Contains("AddServiceDatabase<", StringComparison.Ordinal) || code.Contains("MapIntegrationEventHandler<", StringComparison.Ordinal)),
            // The actors' state, and the workflows' history (Dapr keeps it in the actor state store).
            ["statestore"] = Where(code => code.Contains("AddActors(", StringComparison.Ordinal) || code.Contains("AddDaprWorkflow(", StringComparison.Ordinal)),
            // Every service's configuration secrets.
            ["secretstore"] = Where(code => code.Contains("AddServiceDefaults(", StringComparison.Ordinal)),
        };
        var invoked = allApps.SelectMany(app => BindingCall().Matches(sources[app])).Select(match => match.Groups["name"].Value);
        foreach (var binding in invoked.Concat(declaredBindings).Distinct(StringComparer.Ordinal))
            usage[binding] = Where(code => code.Contains($"InvokeBindingAsync(\"{binding}\"", StringComparison.Ordinal));
        return usage;
    }

    private static string SourceOf(string appDirectory) => string.Join('\n',
        Directory.EnumerateFiles(RepositoryFolder.PathOf(appDirectory), "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains("/obj/", StringComparison.Ordinal) && !file.Contains("/bin/", StringComparison.Ordinal))
            .Select(File.ReadAllText));

    [GeneratedRegex("InvokeBindingAsync\\(\"(?<name>[a-z0-9-]+)\"")]
    private static partial Regex BindingCall();
}
