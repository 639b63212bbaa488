using System.Text.Json;
using System.Text.Json.Serialization;

namespace OneDay.Contracts;

/// <summary>
/// The one JSON option set: camelCase web defaults with enums as strings. HTTP APIs, published events and
/// consumed events all use it, so a payload reads the same wherever it travels.
/// </summary>
public static class ContractJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>Applies OneDay's settings to options owned by a framework (e.g. ASP.NET Core's).</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter());
        options.Converters.Add(new NulFreeStringConverter());
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        return options;
    }
}
