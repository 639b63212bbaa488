namespace OneDay.DaprEmulator.Configuration;

/// <summary>
/// The parts of a `kind: Configuration` (dapr pkg/config/configuration.go) the emulator acts on:
/// tracing, service-invocation access control, secret scopes, and the preview features it reports as enabled.
/// </summary>
public sealed record SidecarConfiguration(string Name, double SamplingRate, string? ZipkinEndpoint, AccessControlList? AccessControl, IReadOnlyList<string> EnabledFeatures)
{
    /// <summary>`spec.secrets.scopes` by secret store name; a store without an entry is readable whole.</summary>
    public IReadOnlyDictionary<string, SecretScope> SecretScopes { get; init; } = new Dictionary<string, SecretScope>();

    public bool MayReadSecret(string storeName, string key) => !SecretScopes.TryGetValue(storeName, out var scope) || scope.IsAllowed(key);

    /// <summary>Features daprd 1.16 enables unless the Configuration turns them off (configuration.go defaultFeatures).</summary>
    public static IReadOnlyList<string> DefaultFeatures { get; } = ["SchedulerReminders"];

    public static SidecarConfiguration Default { get; } = new("default", 0, null, null, DefaultFeatures);

    /// <summary>
    /// daprd's SetDefaultFeatures then LoadFeatures: a default feature the spec does not name is added
    /// enabled, then the entries apply in order, a later `enabled: false` removing an earlier one.
    /// </summary>
    public static IReadOnlyList<string> EnabledFeaturesOf(IReadOnlyList<(string Name, bool Enabled)> spec)
    {
        var entries = spec.Concat(DefaultFeatures.Where(d => spec.All(s => s.Name != d)).Select(d => (Name: d, Enabled: true)));
        var enabled = new List<string>();
        foreach (var (name, on) in entries.Where(e => e.Name.Length > 0))
        {
            if (!on) enabled.Remove(name);
            else if (!enabled.Contains(name)) enabled.Add(name);
        }
        return enabled;
    }
}
