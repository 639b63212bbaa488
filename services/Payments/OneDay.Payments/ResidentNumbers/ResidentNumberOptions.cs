using System.ComponentModel.DataAnnotations;

namespace OneDay.Payments.ResidentNumbers;

/// <summary>How workers' resident registration numbers are kept (section "ResidentNumbers").</summary>
public sealed class ResidentNumberOptions
{
    public const string Section = "ResidentNumbers";

    /// <summary>The AES-256 key, base64 of exactly 32 bytes: from payments' own secret, never from appsettings.</summary>
    [Required]
    public string EncryptionKey { get; set; } = "";

    public static bool IsKey(string encryptionKey)
    {
        var bytes = new byte[encryptionKey.Length];
        return Convert.TryFromBase64String(encryptionKey, bytes, out var length) && length == ResidentNumberCipher.KeyBytes;
    }
}
