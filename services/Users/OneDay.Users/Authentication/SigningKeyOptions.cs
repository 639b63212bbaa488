using System.ComponentModel.DataAnnotations;

namespace OneDay.Users.Authentication;

/// <summary>The private half of the access-token key pair ("Jwt:SigningKey", from the Dapr secret store only).</summary>
public sealed class SigningKeyOptions
{
    public const string Section = "Jwt";

    /// <summary>PKCS#8 PEM of an EC P-256 private key: tokens are ES256.</summary>
    [Required(ErrorMessage = "Jwt:SigningKey is missing: it comes from the Dapr secret store")]
    public string SigningKey { get; set; } = "";
}
