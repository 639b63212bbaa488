using System.Net;

namespace OneDay.Users.Tests;

public sealed class ThrottlingTests(UsersServiceFixture fixture) : IClassFixture<UsersServiceFixture>
{
    private const string WrongPassword = "틀린-비밀번호-입니다";

    [Fact]
    public async Task After_five_failures_an_account_is_throttled_even_for_the_right_password_from_elsewhere()
    {
        var account = await fixture.RegisterAsync();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var failed = await fixture.LogInAsync(account.Email, WrongPassword, $"198.51.100.{i + 1}");
            statuses.Add(failed.StatusCode);
        }

        using var throttled = await fixture.LogInAsync(account.Email, account.Password, "198.51.100.99");

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.True(throttled.Headers.RetryAfter is not null, "a throttled login says when to try again");
        Assert.Equal("application/problem+json", throttled.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_successful_login_clears_the_accounts_failures()
    {
        var account = await fixture.RegisterAsync();
        for (var i = 0; i < 4; i++) (await fixture.LogInAsync(account.Email, WrongPassword, "198.51.100.150")).Dispose();
        (await fixture.LogInAsync(account.Email, account.Password, "198.51.100.150")).Dispose();
        for (var i = 0; i < 4; i++) (await fixture.LogInAsync(account.Email, WrongPassword, "198.51.100.150")).Dispose();

        using var stillAllowed = await fixture.LogInAsync(account.Email, account.Password, "198.51.100.150");

        Assert.Equal(HttpStatusCode.OK, stillAllowed.StatusCode);
    }

    [Fact]
    public async Task Unknown_emails_are_throttled_like_known_ones()
    {
        var email = $"nobody-{Guid.NewGuid():N}@oneday.kr";
        for (var i = 0; i < 5; i++) (await fixture.LogInAsync(email, WrongPassword, $"198.51.100.{200 + i}")).Dispose();

        using var throttled = await fixture.LogInAsync(email, WrongPassword, "198.51.100.210");

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
    }

    [Fact]
    public async Task Twenty_failures_from_one_address_throttle_that_address_for_every_account()
    {
        const string stuffer = "203.0.113.66";
        for (var i = 0; i < 20; i++)
        {
            using var failed = await fixture.LogInAsync($"victim-{i}-{Guid.NewGuid():N}@oneday.kr", WrongPassword, stuffer);
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }
        var bystander = await fixture.RegisterAsync();

        using var fromStuffer = await fixture.LogInAsync(bystander.Email, bystander.Password, stuffer);
        using var fromElsewhere = await fixture.LogInAsync(bystander.Email, bystander.Password, "203.0.113.67");

        Assert.Equal(HttpStatusCode.TooManyRequests, fromStuffer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fromElsewhere.StatusCode);
    }

    [Fact]
    public async Task A_client_cannot_escape_the_address_limit_by_sending_its_own_forwarded_for()
    {
        const string stuffer = "203.0.113.77";
        for (var i = 0; i < 20; i++) (await fixture.LogInAsync($"spoof-{i}-{Guid.NewGuid():N}@oneday.kr", WrongPassword, stuffer)).Dispose();
        var bystander = await fixture.RegisterAsync();

        // The gateway appends the real address after whatever the client sent; only the last entry counts.
        using var spoofed = await fixture.LogInAsync(bystander.Email, bystander.Password, $"10.9.8.7, {stuffer}");

        Assert.Equal(HttpStatusCode.TooManyRequests, spoofed.StatusCode);
    }
}
