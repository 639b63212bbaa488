using System.Text;
using System.Text.Json;

namespace OneDay.Testing;

/// <summary>
/// A Dapr <c>kind: Component</c> resource as YAML, for the resources folders tests start sidecars on. Each metadata value
/// is written quoted (a JSON string is a YAML double-quoted one), so paths, numbers and "true" need no care: Dapr reads
/// every metadata value as a string anyway.
/// </summary>
public static class DaprComponentYaml
{
    /// <summary>Component <paramref name="name"/> of <paramref name="type"/> (version v1), loaded only by <paramref name="scopes"/> when given.</summary>
    public static string Of(string name, string type, IEnumerable<(string Name, string Value)> metadata, IEnumerable<string>? scopes = null)
    {
        var yaml = new StringBuilder($"""
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: {name}
            spec:
              type: {type}
              version: v1
            """);
        var items = metadata.ToList();
        if (items.Count > 0) yaml.Append("\n  metadata:");
        foreach (var (key, value) in items) yaml.Append($"\n  - name: {key}\n    value: {JsonSerializer.Serialize(value)}");
        if (scopes?.ToList() is { Count: > 0 } apps) yaml.Append($"\nscopes: [{string.Join(", ", apps)}]");
        return yaml.Append('\n').ToString();
    }

    /// <summary>Several components in one file, as YAML documents one after another.</summary>
    public static string Documents(params string[] components) => string.Join("---\n", components);
}
