using System.Text.Json;

namespace OneDay.DaprEmulator.Secrets;

/// <summary>
/// secretstores.local.file (components-contrib v1.16.13 secretstores/local/file/filestore.go): a JSON
/// file read once at start; nested objects are flattened with `nestedSeparator` (default ":"), so
/// {"a":{"b":"x"}} holds the key "a:b"; arrays are flattened by index. With `multiValued: true` only
/// the top level is split into keys and each key returns its nested values.
/// </summary>
public sealed class LocalFileSecretStore
{
    private readonly Dictionary<string, Dictionary<string, string>> _secrets = new(StringComparer.Ordinal);

    public LocalFileSecretStore(string secretsFile, string separator, bool multiValued)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(secretsFile));
        if (multiValued)
        {
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var values = new Dictionary<string, string>(StringComparer.Ordinal);
                Flatten(property.Value, property.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array ? "" : property.Name, separator, values);
                _secrets[property.Name] = values;
            }
        }
        else
        {
            var flat = new Dictionary<string, string>(StringComparer.Ordinal);
            Flatten(document.RootElement, "", separator, flat);
            foreach (var (key, value) in flat) _secrets[key] = new Dictionary<string, string>(StringComparer.Ordinal) { [key] = value };
        }
    }

    /// <summary>The values of one secret, or null when the store has no such key.</summary>
    public IReadOnlyDictionary<string, string>? Get(string key) => _secrets.GetValueOrDefault(key);

    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> GetAll() =>
        _secrets.ToDictionary(kv => kv.Key, kv => (IReadOnlyDictionary<string, string>)kv.Value, StringComparer.Ordinal);

    private static void Flatten(JsonElement element, string prefix, string separator, Dictionary<string, string> into)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Flatten(property.Value, prefix.Length == 0 ? property.Name : prefix + separator + property.Name, separator, into);
                }
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Flatten(item, prefix + separator + index++.ToString(System.Globalization.CultureInfo.InvariantCulture), separator, into);
                }
                break;
            case JsonValueKind.String:
                into[prefix] = element.GetString()!;
                break;
            default:
                into[prefix] = element.GetRawText();
                break;
        }
    }
}
