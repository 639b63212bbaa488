using System.Collections.Frozen;

namespace OneDay.Users.Accounts;

/// <summary>
/// NIST SP 800-63B style: long enough and not a known-common password; no composition rules (they push
/// people to "Password1!"). The list ships with the service (common-passwords.txt, compared without case).
/// </summary>
public static class PasswordPolicy
{
    public const int MinimumLength = 10;
    public const int MaximumLength = 128;

    private static readonly FrozenSet<string> CommonPasswords = LoadCommonPasswords();

    /// <summary>Why the password is refused, in Korean for the person choosing it; null when it is acceptable.</summary>
    public static string? Refusal(string? password, string? email)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinimumLength) return $"비밀번호는 {MinimumLength}자 이상이어야 합니다.";
        if (password.Length > MaximumLength) return $"비밀번호는 {MaximumLength}자 이하여야 합니다.";
        if (CommonPasswords.Contains(password)) return "너무 흔한 비밀번호입니다. 다른 비밀번호를 사용해 주세요.";
        if (email is not null && string.Equals(password, email.Trim(), StringComparison.OrdinalIgnoreCase)) return "비밀번호에 이메일 주소를 그대로 사용할 수 없습니다.";
        return null;
    }

    private static FrozenSet<string> LoadCommonPasswords()
    {
        using var stream = typeof(PasswordPolicy).Assembly.GetManifestResourceStream("common-passwords.txt")
            ?? throw new InvalidOperationException("the common-password list is not embedded in the assembly");
        using var reader = new StreamReader(stream);
        var passwords = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#')) passwords.Add(line);
        }
        return passwords.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }
}
