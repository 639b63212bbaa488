using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using OneDay.Web.Clients;

namespace OneDay.Web.Accounts;

/// <summary>
/// The person's session: an HttpOnly, SameSite=Lax cookie naming a server-side ticket. The API's tokens
/// live in that ticket; the access token is refreshed (the refresh token rotating) shortly before it expires
/// (<see cref="SessionTokens"/>).
/// </summary>
public static class WebSessions
{
    public const string AccessToken = "access_token";
    public const string RefreshToken = "refresh_token";
    public const string AccessTokenExpiresAt = "expires_at";
    public const string CookieName = "oneday.session";

    public static IServiceCollection AddWebSessions(this IServiceCollection services)
    {
        services.AddMemoryCache();
        services.AddSingleton<ServerTicketStore>();
        services.AddSingleton<SessionTokens>();
        services.AddScoped<CurrentSession>();
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                o.DefaultAuthenticateScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                o.DefaultChallengeScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            })
            .AddCookie();
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<ServerTicketStore, IOptions<WebOptions>>((cookie, store, web) =>
            {
                cookie.Cookie.Name = CookieName;
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.LoginPath = "/login";
                cookie.LogoutPath = "/logout";
                cookie.AccessDeniedPath = "/";
                cookie.ExpireTimeSpan = web.Value.SessionLifetime;
                cookie.SlidingExpiration = true;
                cookie.SessionStore = store;
                cookie.Events.OnValidatePrincipal = RefreshIfDueAsync;
            });
        return services;
    }

    public static ClaimsPrincipal Principal(Guid userId, string email, string role) =>
        new(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, userId.ToString()), new Claim(ClaimTypes.Name, email), new Claim(ClaimTypes.Role, role)],
            CookieAuthenticationDefaults.AuthenticationScheme));

    /// <summary>The signed-in person's user id, as <see cref="Principal"/> wrote it; null for a visitor.</summary>
    public static Guid? UserId(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public static AuthenticationProperties Properties(TokenPair tokens)
    {
        var properties = new AuthenticationProperties { IsPersistent = false };
        Store(properties, tokens);
        return properties;
    }

    public static void Store(AuthenticationProperties properties, TokenPair tokens) =>
        properties.StoreTokens([
            new AuthenticationToken { Name = AccessToken, Value = tokens.AccessToken },
            new AuthenticationToken { Name = RefreshToken, Value = tokens.RefreshToken },
            new AuthenticationToken { Name = AccessTokenExpiresAt, Value = tokens.AccessTokenExpiresAt.ToString("O") },
        ]);

    // The tokens are refreshed in the session itself (SessionTokens); a session that cannot be is over.
    private static async Task RefreshIfDueAsync(CookieValidatePrincipalContext context)
    {
        var tokens = context.HttpContext.RequestServices.GetRequiredService<SessionTokens>();
        if (ServerTicketStore.KeyOf(context.Properties) is { } key && await tokens.AccessTokenAsync(key, context.HttpContext.RequestAborted) is not null) return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }
}

/// <summary>The users service's token pair (POST /users/login, /users/refresh).</summary>
public sealed record TokenPair(string AccessToken, DateTimeOffset AccessTokenExpiresAt, string RefreshToken, DateTimeOffset RefreshTokenExpiresAt);
