using System.ComponentModel.DataAnnotations;

namespace OneDay.ServiceDefaults.Security;

/// <summary>
/// How access tokens are checked (section "Jwt"). The public keys arrive through configuration from the
/// Dapr secret store ("Jwt:PublicKey", "Jwt:PreviousPublicKey"), never from appsettings. Each key must read
/// as an ES256 or RS256 public key, or start-up fails naming it.
/// </summary>
public sealed class JwtOptions : IValidatableObject
{
    public const string Section = "Jwt";

    [Required]
    public string Issuer { get; set; } = "oneday-users";

    [Required]
    public string Audience { get; set; } = "oneday";

    /// <summary>PEM of the users service's ES256 (P-256) or RS256 public key.</summary>
    [Required(ErrorMessage = "Jwt:PublicKey is missing: it comes from the Dapr secret store")]
    public string PublicKey { get; set; } = "";

    /// <summary>
    /// The key tokens were signed with before the current one, accepted beside it while a signing-key rotation
    /// runs (k8s/README.md, "Rotate secrets"): tokens signed before the switch stay valid until they expire.
    /// </summary>
    public string? PreviousPublicKey { get; set; }

    [Range(0, 30)]
    public int ClockSkewSeconds { get; set; } = 30;

    /// <summary>The keys a token's signature may verify with: the current one, then the previous one when set.</summary>
    internal IReadOnlyList<TokenVerificationKey> VerificationKeys() =>
        ConfiguredKeys().Select(k => TokenVerificationKey.TryRead(k.Pem, out var key, out var problem)
            ? key
            : throw new InvalidOperationException($"Jwt:{k.Name} {problem}")).ToList();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, pem) in ConfiguredKeys())
        {
            if (!TokenVerificationKey.TryRead(pem, out _, out var problem)) yield return new ValidationResult($"Jwt:{name} {problem}", [name]);
        }
    }

    private IEnumerable<(string Name, string Pem)> ConfiguredKeys()
    {
        yield return (nameof(PublicKey), PublicKey);
        if (!string.IsNullOrWhiteSpace(PreviousPublicKey)) yield return (nameof(PreviousPublicKey), PreviousPublicKey);
    }
}
