using YamlDotNet.RepresentationModel;

namespace OneDay.Config.Tests.Validation;

/// <summary>
/// The keys a Dapr Go struct decodes. Dapr's YAML decoders drop unknown keys without a word, so a
/// misspelt or wrongly cased key is a setting that silently does nothing: a shape names every key the
/// runtime reads and reports any other.
/// </summary>
internal sealed class YamlShape
{
    private readonly IReadOnlyDictionary<string, YamlShape>? _keys;
    private readonly YamlShape? _values;
    private readonly YamlShape? _items;

    private YamlShape(IReadOnlyDictionary<string, YamlShape>? keys, YamlShape? values, YamlShape? items)
    {
        _keys = keys;
        _values = values;
        _items = items;
    }

    /// <summary>Any value: a scalar, or a structure whose keys Dapr passes on without reading them.</summary>
    public static YamlShape Any { get; } = new(null, null, null);

    public static YamlShape Map(params (string Key, YamlShape Shape)[] keys) =>
        new(keys.ToDictionary(key => key.Key, key => key.Shape, StringComparer.Ordinal), null, null);

    public static YamlShape Leaves(params string[] keys) => Map(keys.Select(key => (key, Any)).ToArray());

    /// <summary>A mapping from names the author chooses (policy names, app ids) to values of one shape.</summary>
    public static YamlShape MapOf(YamlShape values) => new(null, values, null);

    public static YamlShape ListOf(YamlShape items) => new(null, null, items);

    /// <summary>The same keys plus more, for structs that embed another (Go's inline fields).</summary>
    public YamlShape With(params (string Key, YamlShape Shape)[] keys) =>
        Map([.. (_keys ?? throw new InvalidOperationException("Only a mapping shape can be extended."))
            .Select(pair => (pair.Key, pair.Value)), .. keys]);

    public void Check(YamlNode node, string path, List<string> problems)
    {
        if (node.IsNull())
            return;

        if (_keys is not null || _values is not null)
        {
            if (node is not YamlMappingNode map)
            {
                problems.Add($"{path}: must be a mapping");
                return;
            }

            foreach (var (key, value) in map.Entries())
            {
                var keyPath = path.Length == 0 ? key : $"{path}.{key}";
                if (_values is not null)
                    _values.Check(value, keyPath, problems);
                else if (_keys!.TryGetValue(key, out var shape))
                    shape.Check(value, keyPath, problems);
                else
                    problems.Add($"{keyPath}: not a key Dapr reads here (keys are case-sensitive)");
            }
        }
        else if (_items is not null)
        {
            if (node is not YamlSequenceNode list)
            {
                problems.Add($"{path}: must be a list");
                return;
            }

            for (var i = 0; i < list.Children.Count; i++)
                _items.Check(list.Children[i], $"{path}[{i}]", problems);
        }
    }
}
