using System.Text.RegularExpressions;

namespace OneDay.Payments.ResidentNumbers;

/// <summary>
/// The keys that seal workers' resident registration numbers (section "ResidentNumbers"), all from payments' own secret,
/// never from appsettings. Keys have ids so that one can be rotated (docs/resident-numbers.md §4): new numbers are sealed
/// under <see cref="CurrentKeyId"/>, and each sealed number names the key it was sealed under.
/// </summary>
public sealed partial class ResidentNumberOptions
{
    public const string Section = "ResidentNumbers";

    public const string Requirements =
        "ResidentNumbers (payments' secret in the secret store): CurrentKeyId naming one of ResidentNumbers:Keys, or a single EncryptionKey; "
        + "every key base64 of exactly 32 bytes; key ids of 1-32 letters, digits, '.', '_' or '-'";

    /// <summary>
    /// The single key of a deployment from before keys had ids (base64 of 32 bytes). It opens the numbers sealed without
    /// a key id, and seals new ones while no <see cref="CurrentKeyId"/> is set.
    /// </summary>
    public string? EncryptionKey { get; set; }

    /// <summary>The id of the key new numbers are sealed under and re-sealing moves every number to; one of <see cref="Keys"/>.</summary>
    public string? CurrentKeyId { get; set; }

    /// <summary>Keys by id (base64 of 32 bytes each): the current one and every older one still named by a stored number.</summary>
    public Dictionary<string, string> Keys { get; set; } = new(StringComparer.Ordinal);

    public bool IsValid() =>
        (CurrentKeyId is null ? EncryptionKey is not null : Keys.ContainsKey(CurrentKeyId))
        && (EncryptionKey is null || IsKey(EncryptionKey))
        && Keys.All(k => KeyIdPattern().IsMatch(k.Key) && IsKey(k.Value));

    private static bool IsKey(string encryptionKey)
    {
        var bytes = new byte[encryptionKey.Length];
        return Convert.TryFromBase64String(encryptionKey, bytes, out var length) && length == ResidentNumberCipher.KeyBytes;
    }

    // What a Kubernetes Secret's data key allows (ResidentNumbers__Keys__<id>), kept ASCII so an id fits one byte a character.
    [GeneratedRegex("^[A-Za-z0-9._-]{1,32}$")]
    private static partial Regex KeyIdPattern();
}
