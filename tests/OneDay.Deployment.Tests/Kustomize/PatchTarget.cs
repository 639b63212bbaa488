using System.Text.RegularExpressions;
using OneDay.Config.Tests.Validation;
using YamlDotNet.RepresentationModel;

namespace OneDay.Deployment.Tests.Kustomize;

/// <summary>The resources a patch applies to: every given field must match, absent fields match anything.</summary>
internal sealed partial record PatchTarget(string? Group, string? Version, string? Kind, string? Name)
{
    public static PatchTarget Read(YamlMappingNode target, string where)
    {
        // Label and annotation selectors and a namespace would select differently.
        Kustomization.RefuseOtherKeys(target, ["group", "version", "kind", "name"], $"{where} target");
        var selector = new PatchTarget(target.ScalarAt("group"), target.ScalarAt("version"), target.ScalarAt("kind"), target.ScalarAt("name"));

        // kustomize reads each field as an anchored regular expression; plain names mean the same either way.
        foreach (var field in new[] { selector.Group, selector.Version, selector.Kind, selector.Name })
        {
            if (field is not null && !PlainName().IsMatch(field))
                throw new NotSupportedException($"{where}: target field '{field}' is a pattern; only plain names are rendered.");
        }

        return selector;
    }

    public bool Matches(YamlMappingNode resource)
    {
        var (group, version) = ApiVersion.Split(resource.ScalarAt("apiVersion"));
        return (Group is null || Group == group)
            && (Version is null || Version == version)
            && (Kind is null || Kind == resource.ScalarAt("kind"))
            && (Name is null || Name == resource.MappingAt("metadata")?.ScalarAt("name"));
    }

    public override string ToString() => $"{Group}/{Version} {Kind} {Name}".Trim();

    [GeneratedRegex("^[A-Za-z0-9.-]*$")]
    private static partial Regex PlainName();
}
