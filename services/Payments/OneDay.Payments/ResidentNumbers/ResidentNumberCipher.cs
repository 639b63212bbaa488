using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace OneDay.Payments.ResidentNumbers;

/// <summary>
/// Seals resident registration numbers with AES-256-GCM under the key from payments' secret. The worker's id is the
/// associated data, so a sealed number copied onto another worker's row does not open there. Stored as
/// version (1 byte) | nonce (12) | ciphertext (13) | tag (16); the version lets a later key be told apart.
/// </summary>
public sealed class ResidentNumberCipher(IOptions<ResidentNumberOptions> options)
{
    public const int KeyBytes = 32;
    private const byte Version = 1;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    private readonly byte[] _key = Convert.FromBase64String(options.Value.EncryptionKey);

    public byte[] Seal(Guid workerId, ResidentNumber number)
    {
        var plain = Encoding.ASCII.GetBytes(number.Digits);
        var sealedNumber = new byte[1 + NonceBytes + plain.Length + TagBytes];
        sealedNumber[0] = Version;
        var nonce = sealedNumber.AsSpan(1, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagBytes);
        aes.Encrypt(nonce, plain, sealedNumber.AsSpan(1 + NonceBytes, plain.Length), sealedNumber.AsSpan(^TagBytes), workerId.ToByteArray());
        return sealedNumber;
    }

    public ResidentNumber Open(Guid workerId, byte[] sealedNumber)
    {
        if (sealedNumber.Length <= 1 + NonceBytes + TagBytes || sealedNumber[0] != Version)
            throw new CryptographicException("not a sealed resident number of a known version");
        var plain = new byte[sealedNumber.Length - 1 - NonceBytes - TagBytes];
        using var aes = new AesGcm(_key, TagBytes);
        aes.Decrypt(sealedNumber.AsSpan(1, NonceBytes), sealedNumber.AsSpan(1 + NonceBytes, plain.Length), sealedNumber.AsSpan(^TagBytes), plain, workerId.ToByteArray());
        return ResidentNumber.FromStored(Encoding.ASCII.GetString(plain));
    }
}
