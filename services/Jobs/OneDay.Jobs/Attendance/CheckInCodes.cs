using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace OneDay.Jobs.Attendance;

/// <summary>A check-in code as the employer's device shows it: the text to encode as a QR code, and until when it is taken.</summary>
public sealed record IssuedCheckInCode(string Payload, DateTimeOffset ExpiresAt);

/// <summary>
/// The code a workplace shows for its job, changing every <see cref="AttendanceOptions.CodeRotation"/>:
/// `{job id}.{period}.{signature}`, the signature an HMAC over the first two parts with jobs' key, so no
/// one without the key can make one, and a code read off a screen yesterday (or a minute ago) is useless.
/// A code is taken during its own period and the next: scanned just as it changes, it still counts.
/// </summary>
public sealed class CheckInCodes(IOptions<AttendanceOptions> options)
{
    private readonly byte[] _key = Convert.FromBase64String(options.Value.SigningKey);
    private readonly long _rotationTicks = options.Value.CodeRotation.Ticks;

    /// <summary>Whether <paramref name="signingKey"/> is base64 of a key long enough for HMAC-SHA256 (32 bytes or more).</summary>
    public static bool IsKey(string signingKey)
    {
        var bytes = new byte[signingKey.Length];
        return Convert.TryFromBase64String(signingKey, bytes, out var length) && length >= 32;
    }

    public IssuedCheckInCode Issue(Guid jobId, DateTimeOffset now)
    {
        var period = now.UtcTicks / _rotationTicks;
        var signed = Signed(jobId, period);
        return new IssuedCheckInCode($"{signed}.{Signature(signed)}", ExpiresAt(period));
    }

    /// <summary>Whether <paramref name="code"/> is a code of <paramref name="jobId"/> that has not expired at <paramref name="now"/>.</summary>
    public CheckInCodeCheck Check(string code, Guid jobId, DateTimeOffset now)
    {
        var parts = code.Split('.');
        if (parts.Length != 3 || !Guid.TryParseExact(parts[0], "N", out var codeJob) ||
            !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var period))
        {
            return CheckInCodeCheck.Unreadable;
        }
        var signed = Signed(codeJob, period);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(parts[2]), Encoding.ASCII.GetBytes(Signature(signed)))) return CheckInCodeCheck.Unreadable;
        if (codeJob != jobId) return CheckInCodeCheck.OtherJob;
        var current = now.UtcTicks / _rotationTicks;
        return period > current ? CheckInCodeCheck.Unreadable : now >= ExpiresAt(period) ? CheckInCodeCheck.Expired : CheckInCodeCheck.Valid;
    }

    private DateTimeOffset ExpiresAt(long period) => new((period + 2) * _rotationTicks, TimeSpan.Zero);

    private static string Signed(Guid jobId, long period) => $"{jobId:N}.{period.ToString(CultureInfo.InvariantCulture)}";

    private string Signature(string signed) =>
        Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(signed)).AsSpan(0, 16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

public enum CheckInCodeCheck
{
    Valid,
    Expired,
    OtherJob,
    Unreadable,
}
