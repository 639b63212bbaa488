using System.Net;
using OneDay.Contracts;
using OneDay.Contracts.Notifications;
using OneDay.Testing;

namespace OneDay.Users.Tests;

/// <summary>
/// Access tokens are checked locally and live up to 15 minutes; suspending an account or resetting its password
/// ends the tokens already issued, not only the sessions (docs/threat-model.md).
/// </summary>
public sealed class AccessTokenRevocationTests(UsersServiceFixture fixture) : IClassFixture<UsersServiceFixture>
{
    private async Task<HttpStatusCode> ProfileStatusAsync(string accessToken)
    {
        using var client = fixture.Client(accessToken);
        using var response = await client.GetAsync(new Uri("/users/profile", UriKind.Relative));
        return response.StatusCode;
    }

    [Fact]
    public async Task A_suspended_workers_access_token_stops_working_at_once()
    {
        var worker = await fixture.RegisterVerifiedAsync();
        var session = await fixture.TokensForAsync(worker);
        var before = await ProfileStatusAsync(session.AccessToken);

        using (var admin = fixture.Client(TestTokens.For(Guid.NewGuid(), UserRole.Admin)))
        using (var suspend = await admin.PostAsync(new Uri($"/users/{worker.Id}/suspend", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.NoContent, suspend.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, before);
        Assert.Equal(HttpStatusCode.Unauthorized, await ProfileStatusAsync(session.AccessToken));
    }

    [Fact]
    public async Task A_password_reset_voids_the_access_tokens_issued_before_it()
    {
        var account = await fixture.RegisterAsync();
        var stolen = (await fixture.TokensForAsync(account)).AccessToken;
        var other = await fixture.RegisterAsync();
        var bystander = (await fixture.TokensForAsync(other)).AccessToken;

        Assert.Equal(HttpStatusCode.Accepted, await fixture.PostAsync("/users/reset-password/request", new { email = account.Email }));
        var token = await fixture.Notifications.TokenForAsync(account.Id, NotificationKind.PasswordReset);
        Assert.Equal(HttpStatusCode.NoContent, await fixture.PostAsync("/users/reset-password", new { token, newPassword = "새로-정한-비밀번호-2026" }));

        Assert.Equal(HttpStatusCode.Unauthorized, await ProfileStatusAsync(stolen));
        Assert.Equal(HttpStatusCode.OK, await ProfileStatusAsync(bystander));
    }
}
