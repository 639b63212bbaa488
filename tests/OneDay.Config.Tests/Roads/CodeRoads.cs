using System.Text.RegularExpressions;
using OneDay.Contracts;
using OneDay.Testing;

namespace OneDay.Config.Tests.Roads;

/// <summary>
/// The roads as the services' code has them: each typed invocation client (<c>AddServiceInvocationClient</c>) with
/// the internal routes its implementation calls, each event handler (<c>MapIntegrationEventHandler</c>), and each
/// integration event a service constructs (what its outbox publishes).
/// </summary>
internal static partial class CodeRoads
{
    public static ServiceRoads Read()
    {
        var sources = OneDayApps.All.ToDictionary(app => app.AppId, app => SourcesOf(app.AppDirPath), StringComparer.Ordinal);
        var calls = sources.SelectMany(app => CallsOf(app.Key, app.Value)).ToList();
        var eventsByName = IntegrationEventTopics.EventTypes.ToDictionary(type => type.Name, StringComparer.Ordinal);
        IReadOnlyList<string> AppsWhere(Type eventType, Regex pattern) =>
        [
            .. sources.Where(app => app.Value.Any(file => pattern.Matches(file.Text).Any(match => match.Groups["event"].Value == eventType.Name)))
                .Select(app => app.Key).Order(StringComparer.Ordinal),
        ];
        var events = eventsByName.Values
            .Select(type => new EventRoad(IntegrationEventTopics.Of(type), AppsWhere(type, Construction()), AppsWhere(type, Subscription())))
            .ToList();
        return new ServiceRoads(calls, events);
    }

    private static IEnumerable<ServiceCall> CallsOf(string caller, IReadOnlyList<SourceFile> files)
    {
        foreach (var client in files.SelectMany(file => InvocationClient().Matches(file.Text)))
        {
            var implementation = client.Groups["implementation"].Value;
            var callee = client.Groups["callee"].Value;
            var file = files.Single(f => Regex.IsMatch(f.Text, $@"\bclass\s+{Regex.Escape(implementation)}\b"));
            var routes = file.Text.Split('\n')
                .SelectMany(line => InternalRoute().Matches(line).Select(route => new ServiceCall(caller, callee, VerbOf(line, file.Path), PathOf(route.Groups["route"].Value))))
                .Distinct()
                .ToList();
            if (routes.Count == 0) throw new InvalidOperationException($"{file.Path}: {implementation} calls {callee}, but no \"internal/…\" route was found in it");
            foreach (var route in routes) yield return route;
        }
    }

    /// <summary>The route as the access-control policies name it: from the root, without the query, each value a '*'.</summary>
    private static string PathOf(string literal) =>
        "/" + RouteValue().Replace(literal.Split('?')[0].TrimStart('/'), "*");

    private static string VerbOf(string line, string path) =>
        HttpCall().Match(line) is { Success: true } call
            ? call.Groups["verb"].Value.ToUpperInvariant()
            : throw new InvalidOperationException($"{path}: no HTTP call (GetAsync, PostAsJsonAsync, …) on the line of its route: {line.Trim()}");

    private static List<SourceFile> SourcesOf(string appDirectory) =>
    [
        .. Directory.EnumerateFiles(RepositoryFolder.PathOf(appDirectory), "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains("/obj/", StringComparison.Ordinal) && !file.Contains("/bin/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(file => new SourceFile(Path.GetRelativePath(RepositoryFolder.Root, file), File.ReadAllText(file))),
    ];

    private sealed record SourceFile(string Path, string Text);

    [GeneratedRegex(@"AddServiceInvocationClient<\s*\w+\s*,\s*(?<implementation>\w+)\s*>\(\s*""(?<callee>[a-z0-9-]+)""\s*\)")]
    private static partial Regex InvocationClient();

    [GeneratedRegex(@"""(?<route>/?internal/[^""]*)")]
    private static partial Regex InternalRoute();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex RouteValue();

    [GeneratedRegex(@"\b(?<verb>Get|Post|Put|Delete|Patch)\w*Async(<[^>]*>)?\(")]
    private static partial Regex HttpCall();

    [GeneratedRegex(@"MapIntegrationEventHandler<\s*(?<event>\w+)\s*,")]
    private static partial Regex Subscription();

    [GeneratedRegex(@"\bnew\s+(?<event>\w+)\s*\(")]
    private static partial Regex Construction();
}
