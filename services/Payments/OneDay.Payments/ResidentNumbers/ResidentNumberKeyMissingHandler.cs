using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace OneDay.Payments.ResidentNumbers;

/// <summary>
/// A number under a key the secret lacks is told to the operator (an error naming the key id, in the logs and in
/// GET /payments/operations/resident-numbers) and to the user as a 503 they can retry later, never as a 500.
/// </summary>
public sealed partial class ResidentNumberKeyMissingHandler(IProblemDetailsService problems, ILogger<ResidentNumberKeyMissingHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not ResidentNumberKeyMissingException missing) return false;
        LogKeyMissing(logger, missing.KeyId ?? "(EncryptionKey)");
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "잠시 후 다시 시도해 주세요.",
                Detail = "주민등록번호를 지금은 읽을 수 없습니다. 운영팀이 확인하고 있으니 잠시 후 다시 시도해 주세요.",
            },
        });
    }

    [LoggerMessage(Level = LogLevel.Error,
        Message = "A resident number is sealed under key {KeyId}, which payments' secret does not hold: add that key under ResidentNumbers:Keys (docs/resident-numbers.md §4)")]
    private static partial void LogKeyMissing(ILogger logger, string keyId);
}
