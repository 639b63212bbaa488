using System.Security.Cryptography;

namespace OneDay.Payments.ResidentNumbers;

/// <summary>
/// A stored number names a key payments' secret no longer (or not yet) holds: an operator's matter (restore the key
/// under ResidentNumbers:Keys), never the user's. Carries the key's id, which is no secret, and nothing of the number.
/// </summary>
public sealed class ResidentNumberKeyMissingException(string? keyId)
    : CryptographicException($"a resident number is sealed under key '{keyId ?? "(the unnamed EncryptionKey)"}', which payments' secret does not hold")
{
    public string? KeyId { get; } = keyId;
}
