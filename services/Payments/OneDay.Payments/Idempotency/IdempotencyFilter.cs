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
/// while the first is still running 409, and no key 400. A response of 5xx (or an exception) releases the
/// key so the client can retry.
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
        var scopes = http.RequestServices.GetRequiredService<IServiceScopeFactory>();
        var time = http.RequestServices.GetRequiredService<TimeProvider>();

        await using (var scope = scopes.CreateAsyncScope())
        {
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
            await ReleaseAsync(scopes, callerId, key);
            throw;
        }
        http.Response.Body = original;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PaymentsDbContext>();
            if (http.Response.StatusCode >= 500)
            {
                await db.IdempotencyRecords.Where(r => r.CallerId == callerId && r.Key == key).ExecuteDeleteAsync(CancellationToken.None);
            }
            else
            {
                var body = buffer.ToArray();
                var contentType = http.Response.ContentType;
                var status = http.Response.StatusCode;
                await db.IdempotencyRecords.Where(r => r.CallerId == callerId && r.Key == key).ExecuteUpdateAsync(r => r
                    .SetProperty(x => x.ResponseStatus, status)
                    .SetProperty(x => x.ResponseContentType, contentType)
                    .SetProperty(x => x.ResponseBody, body), CancellationToken.None);
            }
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(original, http.RequestAborted);
        return TypedResults.Empty;
    }

    /// <summary>Claims the key; null when this request now owns it, else the record of whoever does.</summary>
    private async Task<IdempotencyRecord?> ClaimAsync(PaymentsDbContext db, Guid callerId, string key, string hash, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        // Records past their retention no longer count: the key is free again.
        await db.IdempotencyRecords.Where(r => r.CallerId == callerId && r.Key == key && r.CreatedAt < now - Retention).ExecuteDeleteAsync(cancellationToken);
        var claimed = await db.Database.ExecuteSqlAsync(
            $"INSERT INTO idempotency_records (caller_id, key, operation, request_hash, created_at) VALUES ({callerId}, {key}, {operation}, {hash}, {now}) ON CONFLICT DO NOTHING",
            cancellationToken);
        return claimed == 1 ? null : await db.IdempotencyRecords.AsNoTracking().SingleAsync(r => r.CallerId == callerId && r.Key == key, cancellationToken);
    }

    private static async Task ReleaseAsync(IServiceScopeFactory scopes, Guid callerId, string key)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PaymentsDbContext>();
        await db.IdempotencyRecords.Where(r => r.CallerId == callerId && r.Key == key).ExecuteDeleteAsync(CancellationToken.None);
    }

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
