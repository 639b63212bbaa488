using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace OneDay.ServiceDefaults.Dapr;

/// <summary>
/// Opt-in check that a call comes from this app's own sidecar: when APP_API_TOKEN is configured
/// (Kubernetes `dapr.io/app-token-secret`), daprd sends it as `dapr-api-token` on every call to the app
/// (docs/dapr-sidecar.md §A.6); routes marked with <see cref="RequireDaprAppToken{TBuilder}"/> refuse calls
/// without it. Without APP_API_TOKEN (a laptop) the check is off.
/// </summary>
public static class DaprAppToken
{
    public const string Header = "dapr-api-token";

    public static TBuilder RequireDaprAppToken<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var expected = http.RequestServices.GetService(typeof(IConfiguration)) is IConfiguration configuration
                ? configuration["APP_API_TOKEN"]
                : null;
            if (string.IsNullOrEmpty(expected) || Matches(http.Request.Headers[Header].ToString(), expected))
            {
                return await next(context).ConfigureAwait(false);
            }
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "This route only answers the app's Dapr sidecar.");
        });

    private static bool Matches(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));
}
