using System.Net.Mail;

namespace OneDay.Users.Accounts;

public static class EmailAddress
{
    /// <summary>
    /// The one form an address is stored and looked up in: trimmed and lower-cased, so "Kim@OneDay.kr" and
    /// "kim@oneday.kr" are one account (mail providers treat the local part case-insensitively in practice).
    /// </summary>
    public static string? Normalise(string? email)
    {
        var trimmed = email?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > 254) return null;
        if (!MailAddress.TryCreate(trimmed, out var parsed) || parsed.Address != trimmed || !parsed.Host.Contains('.', StringComparison.Ordinal)) return null;
        return trimmed.ToLowerInvariant();
    }
}
