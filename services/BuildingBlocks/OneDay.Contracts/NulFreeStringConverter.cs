using System.Text.Json;
using System.Text.Json.Serialization;

namespace OneDay.Contracts;

/// <summary>
/// Refuses a NUL character in any JSON string: PostgreSQL text cannot hold one, so it would fail deep in a
/// write as a server error; refused while reading, it is the client's 400 and nothing is changed.
/// </summary>
public sealed class NulFreeStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        return text is not null && text.Contains('\0', StringComparison.Ordinal)
            ? throw new JsonException("A string may not contain the NUL character (U+0000).")
            : text;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
