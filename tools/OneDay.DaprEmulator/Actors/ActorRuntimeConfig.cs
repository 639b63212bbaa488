using System.Text.Json;
using OneDay.DaprEmulator.Configuration;

namespace OneDay.DaprEmulator.Actors;

/// <summary>
/// An app's `GET /dapr/config` answer (dapr pkg/config/app_configuration.go; docs/dapr-sidecar.md §A.3):
/// the actor types it hosts and, per type, the idle timeout (default 60m) and reentrancy.
/// </summary>
public sealed record ActorRuntimeConfig(IReadOnlyList<string> Entities, IReadOnlyDictionary<string, ActorTypeSettings> Types)
{
    public static ActorRuntimeConfig Empty { get; } = new([], new Dictionary<string, ActorTypeSettings>());

    public ActorTypeSettings For(string actorType) => Types.GetValueOrDefault(actorType) ?? ActorTypeSettings.Default;

    public static ActorRuntimeConfig Parse(string json)
    {
        if (string.IsNullOrWhiteSpace(json)) return Empty;
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var general = Settings(root, ActorTypeSettings.Default);
        var entities = Strings(root, "entities");
        var types = entities.ToDictionary(e => e, _ => general, StringComparer.Ordinal);
        if (Get(root, "entitiesConfig") is { ValueKind: JsonValueKind.Array } perType)
        {
            foreach (var item in perType.EnumerateArray())
            {
                var settings = Settings(item, general);
                foreach (var entity in Strings(item, "entities")) types[entity] = settings;
            }
        }
        return new ActorRuntimeConfig(entities, types);
    }

    private static ActorTypeSettings Settings(JsonElement element, ActorTypeSettings fallback)
    {
        var idle = Get(element, "actorIdleTimeout") is { ValueKind: JsonValueKind.String } i && GoDuration.TryParse(i.GetString(), out var parsed)
            ? parsed
            : fallback.IdleTimeout;
        var reentrancy = Get(element, "reentrancy") is { ValueKind: JsonValueKind.Object } r && Get(r, "enabled") is { ValueKind: JsonValueKind.True }
            || (Get(element, "reentrancy") is null && fallback.Reentrant);
        return new ActorTypeSettings(idle, reentrancy);
    }

    private static List<string> Strings(JsonElement element, string name) =>
        Get(element, name) is { ValueKind: JsonValueKind.Array } array
            ? array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList()
            : [];

    private static JsonElement? Get(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object) return null;
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase)) return property.Value;
        }
        return null;
    }
}

public sealed record ActorTypeSettings(TimeSpan IdleTimeout, bool Reentrant)
{
    public static ActorTypeSettings Default { get; } = new(TimeSpan.FromMinutes(60), false);
}
