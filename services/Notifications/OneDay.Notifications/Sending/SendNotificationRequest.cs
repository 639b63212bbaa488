using System.Globalization;
using System.Net.Mail;
using System.Text.RegularExpressions;
using OneDay.Notifications.Notifications;
using OneDay.Notifications.Templates;

namespace OneDay.Notifications.Sending;

/// <summary>Addresses to use instead of the directory's (a verification mail may precede user-created's arrival).</summary>
public sealed record NotificationAddress(string? Email, string? PhoneNumber);

/// <summary>
/// A request to notify one user: POST /internal/notifications/send from other services through Dapr, or
/// POST /notifications/send (Admins, or services).
/// <list type="bullet">
/// <item><see cref="RecipientId"/>: the user to notify.</item>
/// <item><see cref="Kind"/>: "email-verification", "password-reset", "application-submitted", "announcement", …;
/// the Korean text is the kind's template.</item>
/// <item><see cref="Parameters"/>: the template's values. email-verification / password-reset: "token" (URL-safe),
/// "expiresAt" (ISO 8601), "displayName"; application-submitted: "jobTitle"; application-rejected: "jobTitle",
/// "reason"; announcement: "title", "body". A missing one is a 400 that names it.</item>
/// <item><see cref="Channels"/>: optional subset of the kind's channels ("in-app", "email", "sms", "push");
/// default the kind's own. The user's opt-outs still apply, except to codes.</item>
/// <item><see cref="Recipient"/>: optional addresses overriding the directory's.</item>
/// <item><see cref="IdempotencyKey"/>: optional; a retried request with the same key notifies once.</item>
/// </list>
/// Secret kinds (codes, reset links) reach only e-mail/SMS: nothing of them enters the in-app list.
/// </summary>
public sealed partial record SendNotificationRequest(
    Guid RecipientId,
    NotificationKind Kind,
    IReadOnlyDictionary<string, string>? Parameters = null,
    IReadOnlyList<NotificationChannel>? Channels = null,
    NotificationAddress? Recipient = null,
    string? IdempotencyKey = null)
{
    /// <summary>Filled by the service, never by the caller: links point at the configured web app.</summary>
    public const string WebBaseUrl = "webBaseUrl";

    private const int MaxParameters = 20;
    private const int MaxParameterLength = 1000;
    private const string ExpiresAt = "expiresAt";
    private const string Token = "token";

    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (RecipientId == Guid.Empty) errors["recipientId"] = ["recipientId is required"];
        if (!Enum.IsDefined(Kind))
        {
            errors["kind"] = ["kind is not a notification kind"];
            return errors;
        }
        var parameters = Parameters ?? new Dictionary<string, string>();
        if (parameters.Count > MaxParameters || parameters.Any(p => p.Key.Length > 40 || p.Value is null || p.Value.Length > MaxParameterLength))
        {
            errors["parameters"] = [$"at most {MaxParameters} parameters of at most {MaxParameterLength} characters"];
        }
        else if (NotificationTemplates.RequiredValues(Kind).Where(name => name != WebBaseUrl && !parameters.ContainsKey(name)).ToList() is { Count: > 0 } missing)
        {
            errors["parameters"] = [$"{Kind} needs the parameters: {string.Join(", ", missing)}"];
        }
        else if (parameters.TryGetValue(ExpiresAt, out var expiresAt) && !DateTimeOffset.TryParse(expiresAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _))
        {
            errors["parameters"] = ["expiresAt must be an ISO 8601 time"];
        }
        else if (parameters.TryGetValue(Token, out var token) && !UrlSafeToken().IsMatch(token))
        {
            errors["parameters"] = ["token must be URL-safe (letters, digits, - and _)"];
        }
        var rule = KindCatalog.For(Kind);
        if (Channels is not null && (Channels.Count == 0 || Channels.Any(c => !rule.Allowed.Contains(c))))
        {
            errors["channels"] = [$"{Kind} may use: {string.Join(", ", rule.Allowed)}"];
        }
        if (Recipient?.Email is { } email && (email.Length > 320 || !MailAddress.TryCreate(email, out _))) errors["recipient.email"] = ["not an e-mail address"];
        if (Recipient?.PhoneNumber is { } phone && !PhoneNumberFormat().IsMatch(phone)) errors["recipient.phoneNumber"] = ["digits, optionally with a leading +"];
        if (IdempotencyKey is { Length: 0 or > 200 }) errors["idempotencyKey"] = ["1 to 200 characters"];
        return errors;
    }

    /// <summary>The template's values from a valid request: times in Korea time, links to <paramref name="webBaseUrl"/>.</summary>
    public Dictionary<string, string> TemplateValues(string webBaseUrl)
    {
        var values = new Dictionary<string, string>(Parameters ?? new Dictionary<string, string>(), StringComparer.Ordinal) { [WebBaseUrl] = webBaseUrl.TrimEnd('/') };
        if (values.TryGetValue(ExpiresAt, out var expiresAt))
        {
            values[ExpiresAt] = NotificationTemplates.KoreaTime(DateTimeOffset.Parse(expiresAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal));
        }
        return values;
    }

    [GeneratedRegex(@"^\+?[0-9]{8,15}$")]
    private static partial Regex PhoneNumberFormat();

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,200}$")]
    private static partial Regex UrlSafeToken();
}

/// <summary>What happened: the in-app entry (none for secret kinds), the channels queued, and whether this repeated an earlier request.</summary>
public sealed record SendNotificationResult(Guid? NotificationId, IReadOnlyList<NotificationChannel> Channels, bool Repeated);
