using System.Collections;
using System.Reflection;
using System.Text.Json.Serialization;
using k8s.Models;
using OneDay.Config.Tests.Validation;
using YamlDotNet.RepresentationModel;

namespace OneDay.Deployment.Tests.Manifests;

/// <summary>
/// Checks every scalar of a manifest against the type of the model property it fills. KubernetesYaml
/// converts silently (an annotation <c>3000</c> becomes "3000", a port "3000" becomes 3000), but the API
/// server decodes JSON strictly and refuses the object: <c>kubectl apply</c> would fail where a test passed.
/// Keys the model does not have are left to the strict deserializer.
/// </summary>
internal static class ScalarTypeCheck
{
    public static IEnumerable<string> Problems(YamlNode node, Type type, string path = "")
    {
        if (node.IsNull())
            yield break;

        var expected = Nullable.GetUnderlyingType(type) ?? type;
        IEnumerable<string> nested = expected switch
        {
            _ when expected == typeof(string) || expected == typeof(DateTime) || expected == typeof(byte[]) =>
                Scalar(node, path, "a string", scalar => scalar.IsString()),
            _ when expected == typeof(int) || expected == typeof(long) =>
                Scalar(node, path, "an integer", scalar => scalar.TryGetInteger(out _)),
            _ when expected == typeof(bool) =>
                Scalar(node, path, "a boolean", scalar => !scalar.IsString() && bool.TryParse(scalar.Value, out _)),
            _ when expected == typeof(double) =>
                Scalar(node, path, "a number", scalar => !scalar.IsString() && double.TryParse(scalar.Value, System.Globalization.CultureInfo.InvariantCulture, out _)),
            // Either form is valid JSON for these: "http" or 3000, "500m" or 1.
            _ when expected == typeof(IntOrString) || expected == typeof(ResourceQuantity) =>
                Scalar(node, path, "a scalar", _ => true),
            _ when Dictionary(expected) is { } valueType => Entries(node, valueType, path),
            _ when List(expected) is { } itemType => Items(node, itemType, path),
            _ when expected.Namespace == "k8s.Models" && expected.IsClass => Properties(node, expected, path),
            _ => [],
        };

        foreach (var problem in nested)
            yield return problem;
    }

    private static IEnumerable<string> Scalar(YamlNode node, string path, string what, Func<YamlScalarNode, bool> accepts)
    {
        if (node is not YamlScalarNode scalar || !accepts(scalar))
            yield return $"{path}: must be {what}, is {Describe(node)}";
    }

    private static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode scalar => scalar.IsString() ? $"the string \"{scalar.Value}\"" : $"the plain scalar {scalar.Value}",
        _ => $"a {node.NodeType}",
    };

    private static IEnumerable<string> Properties(YamlNode node, Type type, string path)
    {
        if (node is not YamlMappingNode map)
            return [$"{path}: must be a mapping, is {Describe(node)}"];

        var properties = type.GetProperties()
            .Select(property => (property, name: property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name))
            .Where(pair => pair.name is not null)
            .ToDictionary(pair => pair.name!, pair => pair.property.PropertyType, StringComparer.Ordinal);

        return map.Entries()
            .Where(entry => properties.ContainsKey(entry.Key))
            .SelectMany(entry => Problems(entry.Value, properties[entry.Key], Join(path, entry.Key)));
    }

    private static IEnumerable<string> Entries(YamlNode node, Type valueType, string path) =>
        node is YamlMappingNode map
            ? map.Entries().SelectMany(entry => Problems(entry.Value, valueType, Join(path, entry.Key)))
            : [$"{path}: must be a mapping, is {Describe(node)}"];

    private static IEnumerable<string> Items(YamlNode node, Type itemType, string path) =>
        node is YamlSequenceNode list
            ? list.Children.SelectMany((item, index) => Problems(item, itemType, $"{path}[{index}]"))
            : [$"{path}: must be a list, is {Describe(node)}"];

    private static Type? Dictionary(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IDictionary<,>) ? type.GetGenericArguments()[1] : null;

    private static Type? List(Type type) =>
        type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type) && type.GetGenericArguments().Length == 1 ? type.GetGenericArguments()[0] : null;

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";
}
