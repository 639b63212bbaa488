using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace OneDay.ServiceDefaults.Security;

/// <summary>A public key access tokens are checked with, and the one algorithm it is pinned to.</summary>
internal sealed record TokenVerificationKey(SecurityKey Key, string Algorithm)
{
    private const string P256 = "1.2.840.10045.3.1.7";

    /// <summary>
    /// Reads a PEM public key: EC on P-256 (ES256) or RSA of at least 2048 bits (RS256). Anything else gets a
    /// reason, so a wrong key stops start-up instead of failing every request.
    /// </summary>
    public static bool TryRead(string pem, [NotNullWhen(true)] out TokenVerificationKey? key, [NotNullWhen(false)] out string? problem)
    {
        key = null;
        if (!PemEncoding.TryFind(pem, out var fields))
        {
            problem = "is not a PEM public key (-----BEGIN PUBLIC KEY----- …)";
            return false;
        }
        var label = pem[fields.Label];
        var der = Convert.FromBase64String(pem[fields.Base64Data]);
        var read = label switch
        {
            "PUBLIC KEY" => ReadEc(der) ?? ReadRsa(rsa => rsa.ImportSubjectPublicKeyInfo(der, out _)),
            "RSA PUBLIC KEY" => ReadRsa(rsa => rsa.ImportRSAPublicKey(der, out _)),
            _ => null,
        };
        problem = read switch
        {
            null when label.Contains("PRIVATE", StringComparison.Ordinal) =>
                $"holds a {label}: services get only the public half of the users service's key",
            null => "is neither an EC nor an RSA public key",
            { Key: ECDsaSecurityKey ec } when ec.ECDsa.ExportParameters(false).Curve.Oid.Value != P256 =>
                $"is an EC key on {ec.ECDsa.ExportParameters(false).Curve.Oid.FriendlyName ?? "another curve"}; ES256 needs P-256",
            { Key: RsaSecurityKey rsa } when rsa.Rsa.KeySize < 2048 => $"is a {rsa.Rsa.KeySize}-bit RSA key; RS256 needs at least 2048 bits",
            _ => null,
        };
        if (problem is not null) return false;
        key = read!;
        return true;
    }

    private static TokenVerificationKey? ReadEc(byte[] subjectPublicKeyInfo)
    {
        var ec = ECDsa.Create();
        try
        {
            ec.ImportSubjectPublicKeyInfo(subjectPublicKeyInfo, out _);
            return new TokenVerificationKey(new ECDsaSecurityKey(ec), SecurityAlgorithms.EcdsaSha256);
        }
        catch (CryptographicException)
        {
            ec.Dispose();
            return null;
        }
    }

    private static TokenVerificationKey? ReadRsa(Action<RSA> import)
    {
        var rsa = RSA.Create();
        try
        {
            import(rsa);
            return new TokenVerificationKey(new RsaSecurityKey(rsa), SecurityAlgorithms.RsaSha256);
        }
        catch (CryptographicException)
        {
            rsa.Dispose();
            return null;
        }
    }
}
