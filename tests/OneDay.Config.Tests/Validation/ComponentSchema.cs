namespace OneDay.Config.Tests.Validation;

internal sealed record MetadataField(string Name, bool Required);

/// <summary>
/// One way to authenticate. Profiles are alternatives: a field marked required is required only when
/// that profile is the one chosen.
/// </summary>
internal sealed record AuthProfile(string Title, IReadOnlyList<MetadataField> Fields);

/// <summary>What one version of one Dapr component type accepts in <c>spec.metadata</c>.</summary>
internal sealed record ComponentSchema(
    string Type,
    string Version,
    string Source,
    IReadOnlyList<MetadataField> Metadata,
    IReadOnlyList<AuthProfile> AuthProfiles,
    IReadOnlyList<string> Capabilities)
{
    public bool Accepts(string metadataName) =>
        Metadata.Select(field => field.Name)
            .Concat(AuthProfiles.SelectMany(profile => profile.Fields).Select(field => field.Name))
            .Concat(RuntimeMetadata())
            .Contains(metadataName, StringComparer.OrdinalIgnoreCase);

    /// <summary>What is missing from the given metadata names, one message per gap.</summary>
    public IEnumerable<string> MissingRequired(IReadOnlyCollection<string> present)
    {
        bool Has(MetadataField field) => present.Contains(field.Name, StringComparer.OrdinalIgnoreCase);

        foreach (var field in Metadata.Where(field => field.Required && !Has(field)))
            yield return $"required metadata '{field.Name}' is missing";

        if (AuthProfiles.Count > 0 && !AuthProfiles.Any(profile => profile.Fields.Where(field => field.Required).All(Has)))
        {
            var options = AuthProfiles.Select(profile =>
                $"{profile.Title} ({string.Join(", ", profile.Fields.Where(field => field.Required).Select(field => field.Name))})");
            yield return $"no authentication profile is complete; give the required fields of one of: {string.Join("; ", options)}";
        }
    }

    /// <summary>
    /// Keys daprd itself reads from a component's metadata, by building block
    /// (components-contrib v1.16.13 .build-tools/pkg/metadataschema/validators.go AppendBuiltin, and the
    /// binding processor for <c>direction</c> and <c>route</c>, dapr pkg/runtime/processor/binding).
    /// </summary>
    private IEnumerable<string> RuntimeMetadata() => Type[..Type.IndexOf('.', StringComparison.Ordinal)] switch
    {
        "state" => [
            "keyPrefix",
            .. Capabilities.Contains("actorStateStore") ? ["actorStateStore"] : Array.Empty<string>(),
            .. Capabilities.Contains("transactional")
                ? ["outboxPublishPubsub", "outboxPublishTopic", "outboxPubsub", "outboxDiscardWhenMissingState"]
                : Array.Empty<string>(),
        ],
        "pubsub" => ["consumerID", "allowedTopics", "publishingScopes", "subscriptionScopes", "protectedTopics"],
        "bindings" => ["direction", "route"],
        _ => [],
    };
}
