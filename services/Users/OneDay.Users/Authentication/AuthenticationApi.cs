using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OneDay.ServiceDefaults.Errors;
using OneDay.ServiceDefaults.Security;
using OneDay.Users.Accounts;
using OneDay.Users.Data;

namespace OneDay.Users.Authentication;

public sealed record LogIn([Required, StringLength(254)] string Email, [Required, StringLength(PasswordPolicy.MaximumLength)] string Password);

public sealed record RefreshSession([Required, StringLength(100)] string RefreshToken);

public sealed record TokenPair(string AccessToken, DateTimeOffset AccessTokenExpiresAt, string RefreshToken, DateTimeOffset RefreshTokenExpiresAt)
{
    public string TokenType => "Bearer";
}

public static class AuthenticationApi
{
    public static RouteGroupBuilder MapAuthentication(this RouteGroupBuilder users)
    {
        users.MapPost("/login", LogInAsync).AllowAnonymous().NotStored().WithName("LogIn")
            .WithSummary("Exchanges e-mail and password for an access token and a refresh token.");
        users.MapPost("/refresh", RefreshAsync).AllowAnonymous().NotStored().WithName("RefreshSession")
            .WithSummary("Rotates a refresh token: the presented one stops working and a new pair is returned.");
        users.MapPost("/logout", LogOutAsync).AllowAnonymous().WithName("LogOut")
            .WithSummary("Revokes the session the refresh token belongs to.");
        return users;
    }

    public static async Task<Results<Ok<TokenPair>, ProblemHttpResult>> LogInAsync(
        LogIn request,
        HttpContext http,
        UsersDbContext db,
        Passwords passwords,
        LoginThrottle throttle,
        AccessTokenIssuer accessTokens,
        RefreshTokens refreshTokens,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var email = EmailAddress.Normalise(request.Email) ?? request.Email.Trim().ToLowerInvariant();
        var accountKey = LoginThrottle.AccountKey(email);
        var addressKey = LoginThrottle.AddressKey(http.Connection.RemoteIpAddress);
        if (await throttle.RetryAfterAsync(accountKey, addressKey, cancellationToken) is { } retryAfter)
        {
            return ApiProblems.TooManyRequests(http.Response, retryAfter, "로그인 시도가 너무 많습니다. 잠시 후 다시 시도해 주세요.");
        }

        var user = await db.Users.SingleOrDefaultAsync(u => u.Email == email && u.Status != UserStatus.Deleted, cancellationToken);
        var (matches, rehashNeeded) = passwords.Verify(user, request.Password);
        if (!matches || user is null)
        {
            await throttle.RecordFailureAsync(accountKey, addressKey, cancellationToken);
            // One answer for an unknown e-mail and a wrong password: the response never says which.
            return TypedResults.Problem(title: "이메일 또는 비밀번호가 올바르지 않습니다.", statusCode: StatusCodes.Status401Unauthorized);
        }
        if (user.Status == UserStatus.Suspended)
        {
            return TypedResults.Problem(title: "이용이 정지된 계정입니다. 고객센터에 문의해 주세요.", statusCode: StatusCodes.Status403Forbidden);
        }

        var now = time.GetUtcNow();
        if (rehashNeeded) user.ChangePassword(passwords.Hash(request.Password), now);
        await throttle.ForgetAccountAsync(accountKey, cancellationToken);
        var pair = IssuePair(user, now, accessTokens, refreshTokens, familyId: null);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(pair);
    }

    public static async Task<Results<Ok<TokenPair>, ProblemHttpResult>> RefreshAsync(
        RefreshSession request,
        UsersDbContext db,
        AccessTokenIssuer accessTokens,
        RefreshTokens refreshTokens,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (outcome, token) = await refreshTokens.UseAsync(request.RefreshToken, now, cancellationToken);
        var user = outcome == RefreshTokens.RotationOutcome.Rotated
            ? await db.Users.SingleOrDefaultAsync(u => u.Id == token!.UserId && u.Status == UserStatus.Active, cancellationToken)
            : null;
        if (user is null)
        {
            // Commit even when refusing: detecting reuse revoked the token's whole family.
            await transaction.CommitAsync(cancellationToken);
            return TypedResults.Problem(title: "세션이 만료되었습니다. 다시 로그인해 주세요.", statusCode: StatusCodes.Status401Unauthorized);
        }
        var pair = IssuePair(user, now, accessTokens, refreshTokens, token!.FamilyId);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(pair);
    }

    public static async Task<NoContent> LogOutAsync(RefreshSession request, RefreshTokens refreshTokens, TimeProvider time, CancellationToken cancellationToken)
    {
        await refreshTokens.RevokeSessionAsync(request.RefreshToken, time.GetUtcNow(), cancellationToken);
        return TypedResults.NoContent();
    }

    private static TokenPair IssuePair(User user, DateTimeOffset now, AccessTokenIssuer accessTokens, RefreshTokens refreshTokens, Guid? familyId)
    {
        var (accessToken, accessExpiresAt) = accessTokens.Issue(user, now);
        var (refreshToken, refreshExpiresAt) = refreshTokens.Add(user.Id, now, familyId);
        return new TokenPair(accessToken, accessExpiresAt, refreshToken, refreshExpiresAt);
    }
}
