using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OneDay.ServiceDefaults.Configuration;
using OneDay.ServiceDefaults.Security;

namespace OneDay.Gateway.RateLimiting;

/// <summary>
/// Rate limits at the edge: every request spends from its client's bucket — the user's when a valid
/// token names one, else the client IP's — and login/registration/reset spend from a much smaller
/// per-IP bucket too. A refusal is 429 ProblemDetails with Retry-After and RateLimit headers.
/// </summary>
public static class GatewayRateLimiting
{
    public const string CredentialsPolicy = "credentials";

    public static IServiceCollection AddGatewayRateLimiting(this IServiceCollection services)
    {
        services.AddValidatedOptions<RateLimitOptions>(RateLimitOptions.Section);
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((limiter, limits) =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                context.User.UserId() is { } userId
                    ? Bucket($"user:{userId}", limits.Value.User)
                    : Bucket($"ip:{ClientAddress(context)}", limits.Value.Anonymous));
            limiter.AddPolicy(CredentialsPolicy, context => Bucket($"credentials:{ClientAddress(context)}", limits.Value.Credentials));
            limiter.OnRejected = RejectAsync;
        });
        return services;
    }

    private static RateLimitPartition<string> Bucket(string key, BucketOptions bucket) =>
        RateLimitPartition.GetTokenBucketLimiter(key, _ => Options(bucket));

    private static TokenBucketRateLimiterOptions Options(BucketOptions bucket)
    {
        // Refill in whole tokens: a rate below one per second refills one token every 1/rate seconds.
        var perPeriod = Math.Max(1, (int)Math.Round(bucket.PerSecond));
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = bucket.Burst,
            TokensPerPeriod = perPeriod,
            ReplenishmentPeriod = TimeSpan.FromSeconds(perPeriod / bucket.PerSecond),
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }

    private static string ClientAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var response = rejected.HttpContext.Response;
        // The bucket refills on a timer tick, which can land just after the limiter's estimate: one more
        // second makes Retry-After a promise rather than a guess.
        var retryAfter = (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? (int)Math.Ceiling(wait.TotalSeconds) : 1) + 1;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        response.Headers["RateLimit-Remaining"] = "0";
        response.Headers["RateLimit-Reset"] = retryAfter.ToString(CultureInfo.InvariantCulture);
        var problems = rejected.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = rejected.HttpContext,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests.",
                Detail = $"Try again in {retryAfter} s.",
            },
        }).ConfigureAwait(false);
    }
}
