using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OneDay.Contracts;
using OneDay.Testing;
using OneDay.Users.Authentication;

namespace OneDay.Users.Tests;

public sealed class AuthenticationTests(UsersServiceFixture fixture) : IClassFixture<UsersServiceFixture>
{
    private async Task<HttpResponseMessage> RefreshAsync(string refreshToken)
    {
        using var client = fixture.Client();
        return await client.PostAsJsonAsync("/users/refresh", new { refreshToken });
    }

    private async Task<HttpStatusCode> ProfileStatusAsync(string accessToken)
    {
        using var client = fixture.Client(accessToken);
        using var response = await client.GetAsync(new Uri("/users/profile", UriKind.Relative));
        return response.StatusCode;
    }

    [Fact]
    public async Task Login_issues_an_es256_access_token_every_service_accepts_with_the_documented_claims()
    {
        var account = await fixture.RegisterAsync(UserRole.Employer);

        var pair = await fixture.TokensForAsync(account);

        using var publicKey = ECDsa.Create();
        publicKey.ImportFromPem(TestTokens.PublicKeyPem);
        var validation = await new JsonWebTokenHandler().ValidateTokenAsync(pair.AccessToken, new TokenValidationParameters
        {
            ValidIssuer = "oneday-users",
            ValidAudience = "oneday",
            IssuerSigningKey = new ECDsaSecurityKey(publicKey),
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
        });
        Assert.True(validation.IsValid, validation.Exception?.Message);
        var token = (JsonWebToken)validation.SecurityToken;
        Assert.Equal(account.Id.ToString(), token.Subject);
        Assert.Equal("Employer", token.GetClaim("role").Value);
        Assert.True(Guid.TryParse(token.Id, out _), "jti is a unique id");
        Assert.InRange(token.ValidTo - token.IssuedAt, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(15));
        Assert.Equal(HttpStatusCode.OK, await ProfileStatusAsync(pair.AccessToken));
        Assert.NotEqual(pair.AccessToken, (await fixture.TokensForAsync(account)).AccessToken);
    }

    [Fact]
    public async Task Token_responses_are_never_stored_by_a_browser_or_a_cache()
    {
        var account = await fixture.RegisterAsync();

        using var login = await fixture.LogInAsync(account.Email, account.Password);
        var pair = await login.Content.ReadFromJsonAsync<TokenPair>(ContractJson.Options);
        using var client = fixture.Client();
        using var refresh = await client.PostAsJsonAsync("/users/refresh", new { refreshToken = pair!.RefreshToken });

        Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
        Assert.True(login.Headers.CacheControl?.NoStore, "login: Cache-Control: no-store");
        Assert.True(refresh.Headers.CacheControl?.NoStore, "refresh: Cache-Control: no-store");
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_email_get_the_same_401()
    {
        var account = await fixture.RegisterAsync();

        using var wrongPassword = await fixture.LogInAsync(account.Email, "틀린-비밀번호-입니다", "192.0.2.10");
        using var unknownEmail = await fixture.LogInAsync($"nobody-{Guid.NewGuid():N}@oneday.kr", account.Password, "192.0.2.10");

        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknownEmail.StatusCode);
        Assert.Equal(await WithoutTraceAsync(wrongPassword), await WithoutTraceAsync(unknownEmail));

        static async Task<string> WithoutTraceAsync(HttpResponseMessage response)
        {
            var problem = await response.Content.ReadFromJsonAsync<Dictionary<string, JsonElement>>();
            problem!.Remove("traceId");
            return JsonSerializer.Serialize(problem.OrderBy(kv => kv.Key, StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task Refresh_rotates_and_reusing_a_rotated_token_revokes_the_whole_session()
    {
        var account = await fixture.RegisterAsync();
        var first = await fixture.TokensForAsync(account);

        using var rotated = await RefreshAsync(first.RefreshToken);
        var second = (await rotated.Content.ReadFromJsonAsync<TokenPair>(ContractJson.Options))!;
        using var reused = await RefreshAsync(first.RefreshToken);
        using var afterReuse = await RefreshAsync(second.RefreshToken);

        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        Assert.NotEqual(first.RefreshToken, second.RefreshToken);
        Assert.Equal(HttpStatusCode.OK, await ProfileStatusAsync(second.AccessToken));
        Assert.Equal(HttpStatusCode.Unauthorized, reused.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterReuse.StatusCode);
    }

    [Fact]
    public async Task Reuse_detection_leaves_the_users_other_sessions_alone()
    {
        var account = await fixture.RegisterAsync();
        var phone = await fixture.TokensForAsync(account);
        var laptop = await fixture.TokensForAsync(account);

        using (await RefreshAsync(phone.RefreshToken)) { }
        using (await RefreshAsync(phone.RefreshToken)) { }
        using var laptopRefresh = await RefreshAsync(laptop.RefreshToken);

        Assert.Equal(HttpStatusCode.OK, laptopRefresh.StatusCode);
    }

    [Fact]
    public async Task Two_concurrent_uses_of_one_refresh_token_rotate_it_at_most_once()
    {
        var account = await fixture.RegisterAsync();
        var pair = await fixture.TokensForAsync(account);

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => RefreshAsync(pair.RefreshToken)));

        Assert.True(responses.Count(r => r.StatusCode == HttpStatusCode.OK) <= 1);
        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.Unauthorized }));
        foreach (var response in responses) response.Dispose();
    }

    [Fact]
    public async Task Logout_revokes_the_session()
    {
        var account = await fixture.RegisterAsync();
        var pair = await fixture.TokensForAsync(account);

        using (var client = fixture.Client())
        using (var logout = await client.PostAsJsonAsync("/users/logout", new { refreshToken = pair.RefreshToken }))
        {
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        }
        using var refresh = await RefreshAsync(pair.RefreshToken);

        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
    }

    [Fact]
    public async Task A_logout_with_a_malformed_body_is_a_400_problem()
    {
        using var client = fixture.Client();

        using var missingToken = await client.PostAsJsonAsync("/users/logout", new { });
        using var notJson = await client.PostAsync(new Uri("/users/logout", UriKind.Relative), new StringContent("{\"refreshToken\": ", Encoding.UTF8, "application/json"));
        using var wrongType = await client.PostAsJsonAsync("/users/logout", new { refreshToken = 42 });

        foreach (var response in new[] { missingToken, notJson, wrongType })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task An_unknown_or_malformed_refresh_token_is_a_4xx()
    {
        using var unknown = await RefreshAsync("this-token-was-never-issued");
        using var client = fixture.Client();
        using var missing = await client.PostAsJsonAsync("/users/refresh", new { });

        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
    }

    [Fact]
    public async Task Expired_and_tampered_access_tokens_are_refused()
    {
        var account = await fixture.RegisterAsync();
        var pair = await fixture.TokensForAsync(account);
        var parts = pair.AccessToken.Split('.');
        var claims = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(Base64UrlEncoder.Decode(parts[1]))!;
        claims["role"] = JsonSerializer.SerializeToElement("Admin");
        var tampered = $"{parts[0]}.{Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(claims)))}.{parts[2]}";
        var expired = TestTokens.For(account.Id, UserRole.Worker, TimeSpan.FromMinutes(15), DateTimeOffset.UtcNow.AddMinutes(-20));

        Assert.Equal(HttpStatusCode.Unauthorized, await ProfileStatusAsync(tampered));
        Assert.Equal(HttpStatusCode.Unauthorized, await ProfileStatusAsync(expired));
        Assert.Equal(HttpStatusCode.OK, await ProfileStatusAsync(pair.AccessToken));
    }
}
