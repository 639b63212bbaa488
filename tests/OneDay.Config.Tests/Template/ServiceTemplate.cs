using System.Text.RegularExpressions;

namespace OneDay.Config.Tests.Template;

/// <summary>
/// The shape every service keeps (README, "Adding a service"), read from its sources: a newcomer who learns one service
/// finds everything in the same place in the next. Each rule names what breaks it, file by file.
/// </summary>
internal static partial class ServiceTemplate
{
    public static IReadOnlyList<TemplateRule> Rules { get; } =
    [
        new("Program.cs is the composition root", ForServicesOnly: true, CompositionRoot),
        new("subscriptions live under IntegrationEvents/", ForServicesOnly: true, SubscriptionsElsewhere),
        new("calls to other services live under Clients/", ForServicesOnly: true, InvocationClientsElsewhere),
        new("the database lives under Data/, with its migrations", ForServicesOnly: true, DatabaseElsewhere),
        new("no API class references another API class", ForServicesOnly: true, ApisReferencingApis),
        new("no code but Program.cs references an API class", ForServicesOnly: true, OtherCodeReferencingApis),
        new("no HasColumnName outside migrations", ForServicesOnly: false, ColumnNames),
        new("no namespace repeats a segment", ForServicesOnly: false, NamespaceStutter),
    ];

    public static TemplateRule Rule(string name) => Rules.Single(rule => rule.Name == name);

    private static IEnumerable<string> CompositionRoot(SourceProject project)
    {
        if (project.Files.SingleOrDefault(file => file.Path == "Program.cs") is not { } program)
        {
            yield return "Program.cs: missing";
        }
        else if (!AppBuilder().IsMatch(program.Code))
        {
            yield return "Program.cs: builds no WebApplication";
        }
        foreach (var file in project.Files.Where(file => file.Path != "Program.cs" && AppBuilder().IsMatch(file.Code)))
        {
            yield return $"{file.Path}: builds a WebApplication outside Program.cs";
        }
    }

    private static IEnumerable<string> SubscriptionsElsewhere(SourceProject project) =>
        project.Files.Where(file => !file.IsUnder("IntegrationEvents") && Subscription().IsMatch(file.Code))
            .Select(file => $"{file.Path}: subscribes ({Subscription().Match(file.Code).Value.Trim()}) outside IntegrationEvents/");

    /// <summary>Both sides of each typed client (the interface the service uses and the class that calls), and any direct
    /// use of the sidecar's invocation API.</summary>
    private static IEnumerable<string> InvocationClientsElsewhere(SourceProject project)
    {
        foreach (var registration in project.Files.SelectMany(file => InvocationClient().Matches(file.Code)))
        {
            foreach (var type in new[] { registration.Groups["contract"].Value, registration.Groups["implementation"].Value }.Distinct())
            {
                var declaring = project.Files.Where(file => Regex.IsMatch(file.Code, $@"\b(class|interface|record)\s+{Regex.Escape(type)}\b")).ToList();
                if (declaring.Count == 0) yield return $"{type}: registered as a client, declared nowhere";
                foreach (var file in declaring.Where(file => !file.IsUnder("Clients")))
                {
                    yield return $"{file.Path}: {type} calls another service from outside Clients/";
                }
            }
        }
        foreach (var file in project.Files.Where(file => !file.IsUnder("Clients") && DirectInvocation().IsMatch(file.Code)))
        {
            yield return $"{file.Path}: invokes another service ({DirectInvocation().Match(file.Code).Value}) outside Clients/";
        }
    }

    private static IEnumerable<string> DatabaseElsewhere(SourceProject project)
    {
        var contexts = project.Files.Where(file => DbContextDeclaration().IsMatch(file.Code)).ToList();
        foreach (var file in contexts.Where(file => !file.IsUnder("Data")))
        {
            yield return $"{file.Path}: a DbContext outside Data/";
        }
        if ((contexts.Count > 0 || project.Files.Any(file => DatabaseRegistration().IsMatch(file.Code))) && !project.HasFolder("Data/Migrations"))
        {
            yield return "Data/Migrations/: missing, though the service has a database";
        }
    }

    private static IEnumerable<string> ApisReferencingApis(SourceProject project)
    {
        var apis = ApiClasses(project);
        return project.Files.Where(file => apis.ContainsValue(file))
            .SelectMany(file => apis.Where(api => api.Value != file && Mentions(file, api.Key))
                .Select(api => $"{file.Path}: uses {api.Key} ({api.Value.Path})"));
    }

    private static IEnumerable<string> OtherCodeReferencingApis(SourceProject project)
    {
        var apis = ApiClasses(project);
        return project.Files.Where(file => file.Path != "Program.cs" && !apis.ContainsValue(file))
            .SelectMany(file => apis.Where(api => Mentions(file, api.Key)).Select(api => $"{file.Path}: uses {api.Key} ({api.Value.Path})"));
    }

    // EF Core's own migrations history table is no entity of ours: it keeps the columns every database has (KeepHistoryTableColumns).
    private static IEnumerable<string> ColumnNames(SourceProject project) =>
        project.Files.Where(file => !file.IsUnder("Data/Migrations") && file.Code.Contains("HasColumnName(", StringComparison.Ordinal)
                                    && !file.Code.Contains("EntityTypeBuilder<HistoryRow>", StringComparison.Ordinal))
            .Select(file => $"{file.Path}: HasColumnName ×{Regex.Count(file.Code, @"HasColumnName\(")} (the snake_case convention names columns)");

    private static IEnumerable<string> NamespaceStutter(SourceProject project) =>
        project.Files.SelectMany(file => Namespace().Matches(file.Code)
            .Select(match => match.Groups["name"].Value)
            .Where(name => name.Split('.').Zip(name.Split('.').Skip(1)).Any(pair => pair.First == pair.Second))
            .Select(name => $"{file.Path}: namespace {name}"));

    /// <summary>Each class named …Api, by the file declaring it.</summary>
    private static Dictionary<string, SourceFile> ApiClasses(SourceProject project) =>
        project.Files.SelectMany(file => ApiClass().Matches(file.Code).Select(match => (Name: match.Groups["name"].Value, File: file)))
            .ToDictionary(api => api.Name, api => api.File, StringComparer.Ordinal);

    private static bool Mentions(SourceFile file, string typeName) => Regex.IsMatch(file.Code, $@"\b{Regex.Escape(typeName)}\b");

    [GeneratedRegex(@"\bWebApplication\.Create(Slim)?Builder\(")]
    private static partial Regex AppBuilder();

    /// <summary>The ways a service can subscribe: OneDay's inbox handler, the Dapr SDK's route metadata and attribute, its
    /// subscribe endpoint, or a hand-written /dapr/subscribe answer.</summary>
    [GeneratedRegex(@"\bMapIntegrationEventHandler<|\.WithTopic\(|\[Topic\(|\bMapSubscribeHandler\(|""/?dapr/subscribe""")]
    private static partial Regex Subscription();

    [GeneratedRegex(@"\bAddServiceInvocationClient<\s*(?<contract>\w+)\s*,\s*(?<implementation>\w+)\s*>")]
    private static partial Regex InvocationClient();

    [GeneratedRegex(@"\b(CreateInvokableHttpClient|CreateInvokeHttpClient|InvokeMethodAsync|InvokeMethodWithResponseAsync|CreateInvokeMethodRequest)\b")]
    private static partial Regex DirectInvocation();

    [GeneratedRegex(@"\bclass\s+\w+\s*(\([^)]*\))?\s*:\s*DbContext\b")]
    private static partial Regex DbContextDeclaration();

    [GeneratedRegex(@"\bAddServiceDatabase<")]
    private static partial Regex DatabaseRegistration();

    [GeneratedRegex(@"\bclass\s+(?<name>\w+Api)\b")]
    private static partial Regex ApiClass();

    [GeneratedRegex(@"^\s*namespace\s+(?<name>[\w.]+)", RegexOptions.Multiline)]
    private static partial Regex Namespace();
}
