using OneDay.ServiceDefaults.Errors;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OneDay.Contracts;
using OneDay.Payments.Data;
using OneDay.ServiceDefaults.Security;

namespace OneDay.Payments.Idempotency;

/// <summary>
/// `Idempotency-Key` on money-moving POSTs, per caller and stored in PostgreSQL: the first request claims
/// the key (an insert that only one of concurrent requests wins) and its response is kept; the same key
/// with the same body replays that response for <see cref="Retention"/>, with another body answers 422,
/// while the first is still running 409, and no key 400. A response of 5xx or 429 (turned away for now), or an
/// exception, releases the key so the client can retry.
/// </summary>
public sealed class IdempotencyFilter(string operation) : IEndpointFilter
{
    public const string Header = "Idempotency-Key";
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var key = http.Request.Headers[Header].ToString();
        if (string.IsNullOrWhiteSpace(key) || key.Length > 200)
            return ApiProblems.Invalid(Header, "Idempotency-Key 헤더(1–200자)가 필요합니다.");
        if (http.User.UserId() is not { } callerId) return TypedResults.Unauthorized();

        var request = context.Arguments.OfType<IIdempotentRequest>().FirstOrDefault();
        var hash = Convert.ToHexString(SHA256.HashData(request is null ? [] : JsonSerializer.SerializeToUtf8Bytes(request, request.GetType(), ContractJson.Options)));
        var time = http.RequestServices.GetRequiredService<TimeProvider>();
        // A scope of its own: the record's writes must not ride on the endpoint's DbContext or transaction.
        await using var scope = http.RequestServices.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PaymentsDbContext>();
        var existing = await ClaimAsync(db, callerId, key, hash, time, http.RequestAborted);
        if (existing is not null)
        {
            if (existing.Operation != operation || existing.RequestHash != hash)
                return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "요청이 올바르지 않습니다.",
                    detail: "같은 Idempotency-Key가 다른 요청에 이미 사용되었습니다.");
            if (existing.ResponseStatus is not { } status)
                return ApiProblems.Conflict("같은 Idempotency-Key의 요청이 아직 처리 중입니다.");
            return new ReplayedResponse(status, existing.ResponseContentType, existing.ResponseBody ?? []);
        }

        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            var result = await next(context);
            if (result is IResult executable) await executable.ExecuteAsync(http);
            else if (result is not null) await TypedResults.Ok(result).ExecuteAsync(http);
        }
        catch
        {
            http.Response.Body = original;
            await ReleaseAsync(db, callerId, key);
            throw;
        }
        http.Response.Body = original;
        await CompleteAsync(db, callerId, key, http.Response, buffer.ToArray());
        buffer.Position = 0;
        await buffer.CopyToAsync(original, http.RequestAborted);
        return TypedResults.Empty;
    }

    /// <summary>Claims the key; null when this request now owns it, else the record of whoever does.</summary>
    /// <remarks>
    /// One statement, because this runs before every money-moving POST: a record past its
    /// <see cref="Retention"/> no longer counts, so the conflict branch takes it over as a fresh claim, while a
    /// live record is left alone and reported. Only one of concurrent claims can insert or take over the row.
    /// </remarks>
    private async Task<IdempotencyRecord?> ClaimAsync(PaymentsDbContext db, Guid callerId, string key, string hash, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var expired = now - Retention;
        var claimed = await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO idempotency_records (caller_id, key, operation, request_hash, created_at) VALUES ({callerId}, {key}, {operation}, {hash}, {now})
            ON CONFLICT (caller_id, key) DO UPDATE SET operation = EXCLUDED.operation, request_hash = EXCLUDED.request_hash, created_at = EXCLUDED.created_at,
                response_status = NULL, response_content_type = NULL, response_body = NULL
            WHERE idempotency_records.created_at < {expired}
            """,
            cancellationToken);
        return claimed == 1 ? null : await db.IdempotencyRecords.AsNoTracking().SingleAsync(r => r.CallerId == callerId && r.Key == key, cancellationToken);
    }

    /// <summary>Keeps the response for replays; a 5xx or a 429 instead releases the key so the client can retry.</summary>
    private static async Task CompleteAsync(PaymentsDbContext db, Guid callerId, string key, HttpResponse response, byte[] body)
    {
        if (response.StatusCode is >= 500 or StatusCodes.Status429TooManyRequests)
        {
            await ReleaseAsync(db, callerId, key);
            return;
        }
        await db.Database.ExecuteSqlAsync(
            $"UPDATE idempotency_records SET response_status = {response.StatusCode}, response_content_type = {response.ContentType}, response_body = {body} WHERE caller_id = {callerId} AND key = {key}",
            CancellationToken.None);
    }

    private static async Task ReleaseAsync(PaymentsDbContext db, Guid callerId, string key) =>
        await db.Database.ExecuteSqlAsync($"DELETE FROM idempotency_records WHERE caller_id = {callerId} AND key = {key}", CancellationToken.None);

    /// <summary>The first response, byte for byte.</summary>
    private sealed class ReplayedResponse(int status, string? contentType, byte[] body) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.Headers["Idempotent-Replayed"] = "true";
            if (body.Length == 0) return;
            if (contentType is not null) httpContext.Response.ContentType = contentType;
            await httpContext.Response.Body.WriteAsync(body, httpContext.RequestAborted);
        }
    }
}

public static class IdempotencyEndpointExtensions
{
    /// <summary>Requires an Idempotency-Key on the endpoint; <paramref name="operation"/> names it in the stored record.</summary>
    public static RouteHandlerBuilder WithIdempotencyKey(this RouteHandlerBuilder endpoint, string operation) =>
        endpoint.AddEndpointFilter(new IdempotencyFilter(operation));
}
