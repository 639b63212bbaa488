using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace OneDay.DaprEmulator.Configuration;

/// <summary>
/// Loosely typed access to Dapr's YAML resources. Dapr decodes them YAML → JSON → Go structs, and Go's
/// JSON decoder matches field names case-insensitively, so lookups here ignore case too.
/// </summary>
public static class YamlTree
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder().Build();

    public static IReadOnlyList<object?> LoadDocuments(string text)
    {
        var documents = new List<object?>();
        var parser = new Parser(new StringReader(text));
        parser.Consume<StreamStart>();
        while (parser.Accept<DocumentStart>(out _))
        {
            documents.Add(Deserializer.Deserialize<object?>(parser));
        }
        return documents;
    }

    public static object? Get(object? node, string key)
    {
        if (node is not IDictionary<object, object?> map) return null;
        foreach (var (k, v) in map)
        {
            if (string.Equals(k?.ToString(), key, StringComparison.OrdinalIgnoreCase)) return v;
        }
        return null;
    }

    public static object? Path(object? node, params string[] keys)
    {
        foreach (var key in keys) node = Get(node, key);
        return node;
    }

    public static string? Text(object? node, params string[] keys) => Path(node, keys) switch
    {
        null => null,
        string s => s,
        var other => Convert.ToString(other, CultureInfo.InvariantCulture),
    };

    public static int? Number(object? node, params string[] keys) =>
        int.TryParse(Text(node, keys), NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null;

    public static bool Bool(object? node, params string[] keys) =>
        bool.TryParse(Text(node, keys), out var b) && b;

    public static IEnumerable<object?> List(object? node, params string[] keys) =>
        Path(node, keys) as IEnumerable<object?> is { } list && Path(node, keys) is not string ? list : [];

    public static IReadOnlyList<string> Strings(object? node, params string[] keys) =>
        List(node, keys).Select(x => Convert.ToString(x, CultureInfo.InvariantCulture) ?? "").ToList();

    public static IEnumerable<KeyValuePair<string, object?>> Entries(object? node, params string[] keys) =>
        Path(node, keys) is IDictionary<object, object?> map
            ? map.Select(kv => new KeyValuePair<string, object?>(kv.Key?.ToString() ?? "", kv.Value))
            : [];
}
