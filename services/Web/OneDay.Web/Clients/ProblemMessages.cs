using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace OneDay.Web.Clients;

/// <summary>
/// Turns an API error into what a person reads. The services write their validation messages, and most
/// problems' detail or title, in Korean; where a problem carries only English (or nothing), the status decides
/// a plain Korean sentence.
/// </summary>
public static partial class ProblemMessages
{
    public static (string? Error, IReadOnlyDictionary<string, string[]> Fields) Read(HttpStatusCode status, string body)
    {
        var fields = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        string? detail = null, title = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
                    foreach (var field in errors.EnumerateObject())
                        fields[field.Name] = [.. field.Value.EnumerateArray().Select(m => FieldMessage(m.GetString()))];
                if (root.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String) detail = d.GetString();
                if (root.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String) title = t.GetString();
            }
        }
        catch (JsonException)
        {
            // Not a ProblemDetails (a proxy's page, an empty body): the status alone speaks.
        }
        if (fields.Count > 0) return (null, fields);
        // Some refusals say it all in a Korean title ("현재 비밀번호가 올바르지 않습니다."): that beats the status's sentence.
        return (IsKorean(detail) ? ApiHint().Replace(detail!, "") : IsKorean(title) ? title : ForStatus(status), fields);
    }

    /// <summary>
    /// A field's message as the service wrote it when it is Korean; a validation attribute's English default
    /// ("The field AccountNumber must match …") becomes a plain Korean request to check the field.
    /// </summary>
    private static string FieldMessage(string? message) => IsKorean(message) ? message! : "형식이 올바르지 않습니다. 다시 확인해 주세요.";

    public static string ForStatus(HttpStatusCode status) => status switch
    {
        HttpStatusCode.BadRequest => "입력한 내용을 다시 확인해 주세요.",
        HttpStatusCode.Unauthorized => "로그인이 필요하거나 이메일 또는 비밀번호가 올바르지 않습니다.",
        HttpStatusCode.Forbidden => "이 작업을 할 권한이 없습니다.",
        HttpStatusCode.NotFound => "찾는 항목이 없습니다.",
        HttpStatusCode.Conflict => "이미 처리되었거나 다른 변경과 충돌했습니다. 새로 고친 뒤 다시 시도해 주세요.",
        HttpStatusCode.UnprocessableEntity => "요청을 처리할 수 없습니다. 입력한 내용을 확인해 주세요.",
        HttpStatusCode.TooManyRequests => "요청이 너무 많습니다. 잠시 후 다시 시도해 주세요.",
        _ => "일시적인 오류가 발생했습니다. 잠시 후 다시 시도해 주세요.",
    };

    /// <summary>
    /// A hint for API clients inside a message, such as "(PUT /users/profile의 payoutAccount)": a person at the
    /// web client has a screen for that instead, so the hint is left out.
    /// </summary>
    [GeneratedRegex(@"\s*\((?:GET|POST|PUT|PATCH|DELETE) /[^)]*\)")]
    private static partial Regex ApiHint();

    public static bool IsKorean(string? text) =>
        text is not null && text.Any(c => c is >= '\uAC00' and <= '\uD7A3');
}
