namespace OneDay.Deployment.Tests.Manifests;

/// <summary>A container image reference, name[:tag]; a registry's port ("host:5000/name") is part of the name.</summary>
internal sealed record ContainerImage(string Name, string? Tag)
{
    public static ContainerImage Parse(string reference)
    {
        if (reference.Contains('@', StringComparison.Ordinal))
            throw new NotSupportedException($"image '{reference}': digests are not rendered.");
        var colon = reference.LastIndexOf(':');
        return colon > reference.LastIndexOf('/')
            ? new ContainerImage(reference[..colon], reference[(colon + 1)..])
            : new ContainerImage(reference, null);
    }

    public override string ToString() => Tag is null ? Name : $"{Name}:{Tag}";
}
