using YamlDotNet.RepresentationModel;
using static OneDay.Config.Tests.Validation.YamlShape;

namespace OneDay.Config.Tests.Validation;

/// <summary>Checks <c>kind: Component</c> resources against what Dapr accepts for their type.</summary>
internal static class ComponentValidator
{
    // dapr pkg/apis/components/v1alpha1/types.go and pkg/apis/common/namevalue.go (release-1.16).
    private static readonly YamlShape Shape = Map(
        ("apiVersion", Any),
        ("kind", Any),
        ("metadata", Leaves("name", "namespace", "labels", "annotations")),
        ("spec", Map(
            ("type", Any),
            ("version", Any),
            ("ignoreErrors", Any),
            ("initTimeout", Any),
            ("metadata", ListOf(Map(("name", Any), ("value", Any), ("secretKeyRef", Leaves("name", "key")), ("envRef", Any)))))),
        ("auth", Leaves("secretStore")),
        ("scopes", ListOf(Any)));

    private static readonly string[] ValueSources = ["value", "secretKeyRef", "envRef"];

    public static IReadOnlyList<string> Validate(DaprResource component, IReadOnlySet<string> appIds)
    {
        var problems = new List<string>();
        Shape.Check(component.Node, "", problems);

        // daprd skips a resource whose name is not a valid path segment (pkg/internal/loader/disk/manifest.go).
        var name = component.Name;
        if (string.IsNullOrEmpty(name))
            problems.Add("metadata.name is missing");
        else if (name is "." or ".." || name.Contains('/', StringComparison.Ordinal) || name.Contains('%', StringComparison.Ordinal))
            problems.Add($"metadata.name '{name}' is not a valid path segment");

        var schema = FindSchema(component, problems);
        var names = new List<string>();
        var entries = component.ComponentMetadata;
        for (var i = 0; i < entries.Count; i++)
        {
            var entryName = entries[i].ScalarAt("name");
            if (string.IsNullOrEmpty(entryName))
            {
                problems.Add($"spec.metadata[{i}]: name is missing");
                continue;
            }

            CheckEntry(entryName, entries[i], schema, problems);
            // daprd turns the list into a map: a second entry of one name silently replaces the first.
            if (names.Contains(entryName, StringComparer.OrdinalIgnoreCase))
                problems.Add($"metadata '{entryName}' is given twice (names are case-insensitive)");
            names.Add(entryName);
        }

        if (schema is not null)
            problems.AddRange(schema.MissingRequired(names).Select(problem => $"{schema.Type} {schema.Version}: {problem}"));

        foreach (var scope in component.Node.ScalarsAt("scopes").Where(scope => !appIds.Contains(scope)))
            problems.Add($"scope '{scope}' is not an app id");

        return problems;
    }

    /// <summary>Rules that concern the components daprd loads together from one folder.</summary>
    public static IReadOnlyList<string> ValidateSet(IReadOnlyList<DaprResource> resources)
    {
        var problems = new List<string>();
        var components = resources.Where(resource => resource.Kind == "Component").ToList();

        foreach (var duplicate in components.GroupBy(component => component.Name).Where(group => group.Count() > 1))
            problems.Add($"component name '{duplicate.Key}' is used by {string.Join(", ", duplicate.Select(c => Path.GetFileName(c.File)))}");

        // daprd refuses a second one: "detected duplicate actor state store" (pkg/runtime/processor/state).
        var actorStores = components
            .Where(component => component.ComponentType?.StartsWith("state.", StringComparison.Ordinal) == true
                && IsTruthy(component.MetadataValue("actorStateStore")))
            .Select(component => component.Name)
            .ToList();
        if (actorStores.Count > 1)
            problems.Add($"more than one actor state store: {string.Join(", ", actorStores)}");

        // A secretKeyRef is read from auth.secretStore; self-hosted there is no default store to fall back on.
        var secretStores = components
            .Where(component => component.ComponentType?.StartsWith("secretstores.", StringComparison.Ordinal) == true)
            .Select(component => component.Name)
            .ToHashSet(StringComparer.Ordinal);
        foreach (var component in components.Where(c => c.ComponentMetadata.Any(entry => entry.Child("secretKeyRef") is not null)))
        {
            var store = component.Node.MappingAt("auth")?.ScalarAt("secretStore");
            if (store is null || !secretStores.Contains(store))
                problems.Add($"component '{component.Name}' uses secretKeyRef but auth.secretStore '{store}' is not a secret store component here");
        }

        return problems;
    }

    /// <summary>kit/strings IsTruthy, which daprd uses to read actorStateStore.</summary>
    public static bool IsTruthy(string? value) =>
        value?.Trim().ToUpperInvariant() is "Y" or "YES" or "TRUE" or "T" or "ON" or "1";

    private static ComponentSchema? FindSchema(DaprResource component, List<string> problems)
    {
        var type = component.ComponentType;
        if (string.IsNullOrEmpty(type))
        {
            problems.Add("spec.type is missing");
            return null;
        }

        var versions = DaprComponentCatalog.VersionsOf(type);
        if (versions.Count == 0)
        {
            problems.Add($"spec.type '{type}' is not a component type in the catalogue (add its facts from components-contrib)");
            return null;
        }

        var known = string.Join(", ", versions.Select(schema => schema.Version));
        var version = component.Spec.ScalarAt("version");
        if (version is null)
        {
            problems.Add($"spec.version is missing ({type} has {known})");
            return null;
        }

        var found = DaprComponentCatalog.Find(type, version);
        if (found is null)
            problems.Add($"spec.version '{version}' is not a version of {type} (it has {known})");
        return found;
    }

    private static void CheckEntry(string name, YamlMappingNode entry, ComponentSchema? schema, List<string> problems)
    {
        var sources = ValueSources.Where(source => entry.Child(source) is not null).ToList();
        if (sources.Count != 1)
            problems.Add($"metadata '{name}' must have exactly one of value, secretKeyRef, envRef (has {sources.Count})");

        // Dapr would fall back to the secret's name for a missing key; we ask every reference to say which field it reads.
        if (entry.MappingAt("secretKeyRef") is { } reference
            && (string.IsNullOrEmpty(reference.ScalarAt("name")) || string.IsNullOrEmpty(reference.ScalarAt("key"))))
            problems.Add($"metadata '{name}': secretKeyRef needs both name and key");

        if (schema is not null && !schema.Accepts(name))
            problems.Add($"metadata '{name}' is not accepted by {schema.Type} {schema.Version} (components-contrib {schema.Source})");
    }
}
