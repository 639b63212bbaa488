using System.Globalization;
using System.Net.Mail;
using System.Text.RegularExpressions;
using OneDay.Contracts.Notifications;
using OneDay.Notifications.Templates;

namespace OneDay.Notifications.Sending;

/// <summary>
/// What notifications checks of a <see cref="SendNotificationRequest"/> before sending, and the template values
/// it gives. Secret kinds (codes, reset links) reach only e-mail/SMS: nothing of them enters the in-app list.
/// </summary>
public static partial class SendNotificationRules
{
    /// <summary>Filled by the service, never by the caller: links point at the configured web app.</summary>
    public const string WebBaseUrl = "webBaseUrl";

    private const int MaxParameters = 20;
    private const int MaxParameterLength = 1000;
    private const string ExpiresAt = "expiresAt";
    private const string Token = "token";

    public static Dictionary<string, string[]> Validate(this SendNotificationRequest request)
    {
        var (recipientId, kind, _, channels, recipient, idempotencyKey) = request;
        var errors = new Dictionary<string, string[]>();
        if (recipientId == Guid.Empty) errors["recipientId"] = ["recipientId is required"];
        if (!Enum.IsDefined(kind))
        {
            errors["kind"] = ["kind is not a notification kind"];
            return errors;
        }
        var parameters = request.Parameters ?? new Dictionary<string, string>();
        if (parameters.Count > MaxParameters || parameters.Any(p => p.Key.Length > 40 || p.Value is null || p.Value.Length > MaxParameterLength))
        {
            errors["parameters"] = [$"at most {MaxParameters} parameters of at most {MaxParameterLength} characters"];
        }
        else if (NotificationTemplates.RequiredValues(kind).Where(name => name != WebBaseUrl && !parameters.ContainsKey(name)).ToList() is { Count: > 0 } missing)
        {
            errors["parameters"] = [$"{kind} needs the parameters: {string.Join(", ", missing)}"];
        }
        else if (parameters.TryGetValue(ExpiresAt, out var expiresAt) && !DateTimeOffset.TryParse(expiresAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _))
        {
            errors["parameters"] = ["expiresAt must be an ISO 8601 time"];
        }
        else if (parameters.TryGetValue(Token, out var token) && !UrlSafeToken().IsMatch(token))
        {
            errors["parameters"] = ["token must be URL-safe (letters, digits, - and _)"];
        }
        var rule = ChannelRules.For(kind);
        if (channels is not null && (channels.Count == 0 || channels.Any(c => !rule.Allowed.Contains(c))))
        {
            errors["channels"] = [$"{kind} may use: {string.Join(", ", rule.Allowed)}"];
        }
        if (recipient?.Email is { } email && (email.Length > 320 || !MailAddress.TryCreate(email, out _))) errors["recipient.email"] = ["not an e-mail address"];
        if (recipient?.PhoneNumber is { } phone && !PhoneNumberFormat().IsMatch(phone)) errors["recipient.phoneNumber"] = ["digits, optionally with a leading +"];
        if (idempotencyKey is { Length: 0 or > 200 }) errors["idempotencyKey"] = ["1 to 200 characters"];
        return errors;
    }

    /// <summary>The template's values from a valid request: times in Korea time, links to <paramref name="webBaseUrl"/>.</summary>
    public static Dictionary<string, string> TemplateValues(this SendNotificationRequest request, string webBaseUrl)
    {
        var values = new Dictionary<string, string>(request.Parameters ?? new Dictionary<string, string>(), StringComparer.Ordinal) { [WebBaseUrl] = webBaseUrl.TrimEnd('/') };
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
