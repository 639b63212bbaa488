using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace OneDay.Payments.ResidentNumbers;

/// <summary>
/// Seals resident registration numbers with AES-256-GCM under the keys of payments' secret. Two formats, told apart by
/// the first byte:
/// <list type="bullet">
/// <item>1: version | nonce (12) | ciphertext (13) | tag (16), under the single unnamed key (<see cref="ResidentNumberOptions.EncryptionKey"/>);</item>
/// <item>2: version | id length (1) | key id (ASCII) | nonce | ciphertext | tag, under the key of that id.</item>
/// </list>
/// The associated data is the worker's id (and, in format 2, the header), so a sealed number copied onto another
/// worker's row does not open there, and neither does one whose key id was edited.
/// </summary>
public sealed class ResidentNumberCipher
{
    public const int KeyBytes = 32;
    private const byte UnnamedKeyFormat = 1;
    private const byte NamedKeyFormat = 2;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    private readonly byte[]? _unnamedKey;
    private readonly Dictionary<string, byte[]> _keys;

    public ResidentNumberCipher(IOptions<ResidentNumberOptions> options)
    {
        var keys = options.Value;
        _unnamedKey = keys.EncryptionKey is { } single ? Convert.FromBase64String(single) : null;
        _keys = keys.Keys.ToDictionary(k => k.Key, k => Convert.FromBase64String(k.Value), StringComparer.Ordinal);
        CurrentKeyId = keys.CurrentKeyId;
    }

    /// <summary>The id of the key new numbers are sealed under; null while the single unnamed key is the current one.</summary>
    public string? CurrentKeyId { get; }

    /// <summary>Whether <paramref name="keyId"/> (null: the unnamed key) is one this secret holds.</summary>
    public bool Holds(string? keyId) => keyId is null ? _unnamedKey is not null : _keys.ContainsKey(keyId);

    public byte[] Seal(Guid workerId, ResidentNumber number)
    {
        var header = CurrentKeyId is { } keyId
            ? [NamedKeyFormat, (byte)keyId.Length, .. Encoding.ASCII.GetBytes(keyId)]
            : new[] { UnnamedKeyFormat };
        var plain = Encoding.ASCII.GetBytes(number.Digits);
        var sealedNumber = new byte[header.Length + NonceBytes + plain.Length + TagBytes];
        header.CopyTo(sealedNumber, 0);
        var nonce = sealedNumber.AsSpan(header.Length, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(KeyOf(CurrentKeyId), TagBytes);
        aes.Encrypt(nonce, plain, sealedNumber.AsSpan(header.Length + NonceBytes, plain.Length), sealedNumber.AsSpan(^TagBytes),
            AssociatedData(workerId, sealedNumber.AsSpan(0, header.Length)));
        return sealedNumber;
    }

    /// <exception cref="ResidentNumberKeyMissingException">The number names a key this secret does not hold.</exception>
    public ResidentNumber Open(Guid workerId, byte[] sealedNumber)
    {
        var (keyId, headerLength) = HeaderOf(sealedNumber);
        if (!Holds(keyId)) throw new ResidentNumberKeyMissingException(keyId);
        var plain = new byte[sealedNumber.Length - headerLength - NonceBytes - TagBytes];
        using var aes = new AesGcm(KeyOf(keyId), TagBytes);
        aes.Decrypt(sealedNumber.AsSpan(headerLength, NonceBytes), sealedNumber.AsSpan(headerLength + NonceBytes, plain.Length), sealedNumber.AsSpan(^TagBytes), plain,
            AssociatedData(workerId, sealedNumber.AsSpan(0, headerLength)));
        return ResidentNumber.FromStored(Encoding.ASCII.GetString(plain));
    }

    /// <summary>The id of the key a number was sealed under (null: the unnamed key).</summary>
    public static string? KeyIdOf(byte[] sealedNumber) => HeaderOf(sealedNumber).KeyId;

    private byte[] KeyOf(string? keyId) => keyId is null ? _unnamedKey! : _keys[keyId];

    private static (string? KeyId, int HeaderLength) HeaderOf(byte[] sealedNumber)
    {
        if (sealedNumber.Length > 1 + NonceBytes + TagBytes && sealedNumber[0] == UnnamedKeyFormat) return (null, 1);
        if (sealedNumber.Length > 2 + NonceBytes + TagBytes && sealedNumber[0] == NamedKeyFormat && sealedNumber.Length > 2 + sealedNumber[1] + NonceBytes + TagBytes)
            return (Encoding.ASCII.GetString(sealedNumber, 2, sealedNumber[1]), 2 + sealedNumber[1]);
        throw new CryptographicException("not a sealed resident number of a known format");
    }

    // Format 1 bound the worker's id alone; format 2 binds its header too.
    private static byte[] AssociatedData(Guid workerId, ReadOnlySpan<byte> header) =>
        header[0] == UnnamedKeyFormat ? workerId.ToByteArray() : [.. workerId.ToByteArray(), .. header];
}
