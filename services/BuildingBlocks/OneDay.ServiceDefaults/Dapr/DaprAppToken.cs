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
            if (string.IsNullOrEmpty(Expected(http)) || CameThroughSidecar(http))
            {
                return await next(context).ConfigureAwait(false);
            }
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "This route only answers the app's Dapr sidecar.");
        });

    /// <summary>
    /// Whether the request carries APP_API_TOKEN, so came through this app's sidecar and its `dapr-caller-app-id`
    /// is the calling app's, not a client's word. False whenever no token is configured: nothing can be proven then.
    /// </summary>
    public static bool CameThroughSidecar(HttpContext http) =>
        Expected(http) is { Length: > 0 } expected && Matches(http.Request.Headers[Header].ToString(), expected);

    private static string? Expected(HttpContext http) =>
        http.RequestServices.GetService(typeof(IConfiguration)) is IConfiguration configuration ? configuration["APP_API_TOKEN"] : null;

    private static bool Matches(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));
}
