using System.Net;
using System.Net.Http.Headers;
using Dapr.Client;
using Microsoft.Extensions.DependencyInjection;
using OneDay.Contracts;
using OneDay.ServiceDefaults.Security;
using OneDay.Testing;

namespace OneDay.BuildingBlocks.Tests;

/// <summary>
/// Every service refuses an access token that users revoked: the stamp users writes to the shared
/// `tokenrevocations` store is read by each service's own token validation.
/// </summary>
public sealed class TokenRevocationTests(SampleServiceFixture fixture) : IClassFixture<SampleServiceFixture>
{
    [Fact]
    public async Task A_token_issued_before_its_users_revocation_stamp_is_refused_and_later_or_other_users_tokens_are_not()
    {
        var revoked = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        var issuedBefore = TestTokens.For(revoked, UserRole.Worker, issuedAt: now.AddMinutes(-1));
        var issuedAfter = TestTokens.For(revoked, UserRole.Worker, issuedAt: now.AddSeconds(2));
        var someoneElses = TestTokens.For(Guid.NewGuid(), UserRole.Worker, issuedAt: now.AddMinutes(-1));

        // Written as users writes it, straight into the store: the service learns of it only by reading the store.
        await fixture.Service.Services.GetRequiredService<DaprClient>()
            .SaveStateAsync("tokenrevocations", TokenRevocations.Key(revoked), new TokenRevocationStamp(now.ToUnixTimeSeconds()));

        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(issuedBefore));
        Assert.Equal(HttpStatusCode.OK, await MeAsync(issuedAfter));
        Assert.Equal(HttpStatusCode.OK, await MeAsync(someoneElses));
    }

    private async Task<HttpStatusCode> MeAsync(string accessToken)
    {
        using var client = fixture.Service.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/accounts/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
