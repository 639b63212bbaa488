using System.ComponentModel.DataAnnotations;

namespace OneDay.ServiceDefaults.Security;

/// <summary>
/// How access tokens are checked (section "Jwt"). The public key arrives through configuration from the
/// Dapr secret store ("Jwt:PublicKey"), never from appsettings.
/// </summary>
public sealed class JwtOptions
{
    public const string Section = "Jwt";

    [Required]
    public string Issuer { get; set; } = "oneday-users";

    [Required]
    public string Audience { get; set; } = "oneday";

    /// <summary>PEM of the users service's ES256 (P-256) or RS256 public key.</summary>
    [Required(ErrorMessage = "Jwt:PublicKey is missing: it comes from the Dapr secret store")]
    public string PublicKey { get; set; } = "";

    [Range(0, 30)]
    public int ClockSkewSeconds { get; set; } = 30;
}
