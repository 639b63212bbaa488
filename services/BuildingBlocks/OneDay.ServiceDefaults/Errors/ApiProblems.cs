using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http;

namespace OneDay.ServiceDefaults.Errors;

/// <summary>A service's refusals as RFC 9457 problems, with Korean titles a user can read.</summary>
public static class ApiProblems
{
    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "권한이 없습니다.", detail: detail);

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "요청을 처리할 수 없는 상태입니다.", detail: detail);

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "찾을 수 없습니다.", detail: detail);

    /// <summary>
    /// 429 with Retry-After (whole seconds, rounded up): not now, nothing changed, and the same request may come again
    /// then — a throttle's answer, and a busy service's too. Not 503 for the latter: Dapr's resiliency treats a 5xx from
    /// an app as a failure, retries it and counts it toward the caller's circuit breaker, so turning work away would
    /// cut the caller off from the whole service.
    /// </summary>
    public static ProblemHttpResult TooManyRequests(HttpResponse response, TimeSpan retryAfter, string title, string? detail = null)
    {
        response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: title, detail: detail);
    }

    public static ProblemHttpResult Invalid(string field, string message) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "요청이 올바르지 않습니다.", detail: message,
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [message] } });
}
