using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using OneDay.Web.Clients;

namespace OneDay.Web.Accounts;

/// <summary>Logs in at the API and opens the person's server-side session from the tokens it returns.</summary>
public sealed class SignIn(GatewayClient gateway, IHttpContextAccessor accessor)
{
    public async Task<ApiResult<TokenPair>> LogInAsync(string email, string password, CancellationToken cancellationToken)
    {
        var login = await gateway.PostAsync<TokenPair>("users/login", new { email, password }, cancellationToken);
        if (login is not { Succeeded: true, Value: { } tokens }) return login;
        var context = accessor.HttpContext ?? throw new InvalidOperationException("Signing in needs the request that carries the form.");
        var subject = TokenClaims.Read(tokens.AccessToken);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            WebSessions.Principal(subject.UserId, email, subject.Role), WebSessions.Properties(tokens));
        return login;
    }
}
