using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using OneDay.Web.Clients;

namespace OneDay.Web.Accounts;

public static class AccountEndpoints
{
    /// <summary>
    /// Log-out is a form POST (antiforgery-checked, so another site cannot sign a person out): the refresh
    /// token is revoked at the API, then the server-side session and its cookie are dropped.
    /// </summary>
    public static WebApplication MapAccountEndpoints(this WebApplication app)
    {
        app.MapPost("/logout", async (HttpContext http, GatewayClient gateway, CancellationToken cancellationToken) =>
        {
            if (await http.GetTokenAsync(WebSessions.RefreshToken) is { } refreshToken)
                await gateway.PostAsync<object>("users/logout", new { refreshToken }, cancellationToken);
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect("/");
        }).AllowAnonymous();
        return app;
    }
}
