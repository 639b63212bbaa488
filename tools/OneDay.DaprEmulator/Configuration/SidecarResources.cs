using OneDay.DaprEmulator.Resiliency;

namespace OneDay.DaprEmulator.Configuration;

/// <summary>
/// What one sidecar loads at start: the components, declarative subscriptions and resiliency specs
/// of its resources paths (every *.yaml / *.yml file directly in each folder, multi-document files
/// allowed, other kinds ignored) that are scoped to its app id, plus its Configuration file.
/// </summary>
public sealed class SidecarResources
{
    public required IReadOnlyList<ComponentResource> Components { get; init; }
    public required IReadOnlyList<SubscriptionResource> Subscriptions { get; init; }
    public required ResiliencySpec Resiliency { get; init; }
    public required SidecarConfiguration Configuration { get; init; }

    public static SidecarResources Load(IEnumerable<string> resourcesPaths, string? configFile, string appId, TimeProvider time)
    {
        var components = new List<ComponentResource>();
        var subscriptions = new List<SubscriptionResource>();
        var resiliency = new ResiliencySpec(time);
        foreach (var (file, document) in ReadDocuments(resourcesPaths))
        {
            var scopes = YamlTree.Strings(document, "scopes");
            if (scopes.Count > 0 && !scopes.Contains(appId)) continue;
            switch (YamlTree.Text(document, "kind"))
            {
                case "Component":
                    components.Add(ParseComponent(document, file, scopes));
                    break;
                case "Subscription":
                    subscriptions.Add(ParseSubscription(document, scopes));
                    break;
                case "Resiliency":
                    resiliency.Add(document);
                    break;
            }
        }
        var duplicate = components.GroupBy(c => c.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidDataException(
                $"component '{duplicate.Key}' is defined more than once ({string.Join(", ", duplicate.Select(c => c.SourceFile))})");
        }
        return new SidecarResources
        {
            Components = components,
            Subscriptions = subscriptions,
            Resiliency = resiliency,
            Configuration = configFile is null ? SidecarConfiguration.Default : LoadConfiguration(configFile),
        };
    }

    public static SidecarConfiguration LoadConfiguration(string file)
    {
        var document = YamlTree.LoadDocuments(File.ReadAllText(file))
            .FirstOrDefault(d => YamlTree.Text(d, "kind") == "Configuration")
            ?? throw new InvalidDataException($"{file} holds no kind: Configuration");
        var spec = YamlTree.Get(document, "spec");
        var sampling = double.TryParse(YamlTree.Text(spec, "tracing", "samplingRate"),
            System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var rate) ? rate : 0;
        return new SidecarConfiguration(
            YamlTree.Text(document, "metadata", "name") ?? Path.GetFileNameWithoutExtension(file),
            sampling,
            YamlTree.Text(spec, "tracing", "zipkin", "endpointAddress"),
            AccessControlList.Parse(YamlTree.Get(spec, "accessControl")),
            SidecarConfiguration.EnabledFeaturesOf(YamlTree.List(spec, "features")
                .Select(f => (YamlTree.Text(f, "name") ?? "", YamlTree.Bool(f, "enabled")))
                .ToList()))
        {
            SecretScopes = YamlTree.List(spec, "secrets", "scopes").ToDictionary(
                scope => YamlTree.Text(scope, "storeName") ?? "",
                scope => new SecretScope(YamlTree.Text(scope, "defaultAccess") ?? "allow",
                    YamlTree.Strings(scope, "allowedSecrets"), YamlTree.Strings(scope, "deniedSecrets")),
                StringComparer.Ordinal),
        };
    }

    private static IEnumerable<(string File, object? Document)> ReadDocuments(IEnumerable<string> folders)
    {
        foreach (var folder in folders)
        {
            if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"resources path {folder} does not exist");
            var files = Directory.EnumerateFiles(folder)
                .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal);
            foreach (var file in files)
            {
                foreach (var document in YamlTree.LoadDocuments(File.ReadAllText(file)))
                {
                    if (document is not null) yield return (file, document);
                }
            }
        }
    }

    private static ComponentResource ParseComponent(object? document, string file, IReadOnlyList<string> scopes)
    {
        var name = YamlTree.Text(document, "metadata", "name")
                   ?? throw new InvalidDataException($"{file}: a component needs metadata.name");
        var type = YamlTree.Text(document, "spec", "type")
                   ?? throw new InvalidDataException($"{file}: component {name} needs spec.type");
        var metadata = YamlTree.List(document, "spec", "metadata").Select(item =>
        {
            var secretRef = YamlTree.Get(item, "secretKeyRef");
            return new ComponentMetadataItem(
                YamlTree.Text(item, "name") ?? "",
                YamlTree.Text(item, "value"),
                secretRef is null ? null : new SecretKeyRef(YamlTree.Text(secretRef, "name") ?? "", YamlTree.Text(secretRef, "key")),
                YamlTree.Text(item, "envRef"));
        }).ToList();
        return new ComponentResource(name, type, YamlTree.Text(document, "spec", "version") ?? "v1", metadata, scopes,
            YamlTree.Text(document, "auth", "secretStore"), file);
    }

    private static SubscriptionResource ParseSubscription(object? document, IReadOnlyList<string> scopes)
    {
        var spec = YamlTree.Get(document, "spec");
        var rules = YamlTree.List(spec, "routes", "rules")
            .Select(r => new RouteRule(YamlTree.Text(r, "match"), YamlTree.Text(r, "path") ?? ""))
            .ToList();
        // v1alpha1 has spec.route; v2alpha1 has spec.routes.default.
        var fallback = YamlTree.Text(spec, "routes", "default") is { Length: > 0 } d ? d : YamlTree.Text(spec, "route");
        if (!string.IsNullOrEmpty(fallback)) rules.Add(new RouteRule(null, fallback));
        return new SubscriptionResource(
            YamlTree.Text(spec, "pubsubname") ?? "",
            YamlTree.Text(spec, "topic") ?? "",
            rules,
            YamlTree.Entries(spec, "metadata").ToDictionary(kv => kv.Key, kv => Convert.ToString(kv.Value, System.Globalization.CultureInfo.InvariantCulture) ?? ""),
            YamlTree.Text(spec, "deadLetterTopic"),
            scopes);
    }
}
