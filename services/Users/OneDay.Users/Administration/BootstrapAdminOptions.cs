using System.ComponentModel.DataAnnotations;

namespace OneDay.Users.Administration;

/// <summary>
/// The first Admin account (section "BootstrapAdmin"): nobody can register as Admin, so an operator names
/// one here, the password coming from the secret store. Both empty: no account is created.
/// </summary>
public sealed class BootstrapAdminOptions
{
    public const string Section = "BootstrapAdmin";

    [StringLength(254)]
    public string? Email { get; set; }

    public string? Password { get; set; }

    [StringLength(50, MinimumLength = 2)]
    public string DisplayName { get; set; } = "운영자";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Email);
}
