using System.Net;
using System.Security.Cryptography;
using OneDay.Contracts;
using OneDay.Testing;

namespace OneDay.BuildingBlocks.Tests;

/// <summary>The keys access tokens are checked with: refused at start-up when unusable, and rotated without logging anyone out.</summary>
public sealed class AccessTokenKeyTests
{
    public static TheoryData<string, string, string> UnusableKeys() => new()
    {
        { "PublicKey", "not a key", "is not a PEM public key" },
        { "PublicKey", TestTokens.SigningKeyPem, "services get only the public half" },
        { "PublicKey", ECDsa.Create(ECCurve.NamedCurves.nistP384).ExportSubjectPublicKeyInfoPem(), "ES256 needs P-256" },
        { "PublicKey", RSA.Create(1024).ExportSubjectPublicKeyInfoPem(), "RS256 needs at least 2048 bits" },
        { "PublicKey", "-----BEGIN PUBLIC KEY-----\nAAECAwQFBgcICQ==\n-----END PUBLIC KEY-----", "is neither an EC nor an RSA public key" },
        { "PreviousPublicKey", "-----BEGIN PUBLIC KEY-----\ntruncated", "is not a PEM public key" },
    };

    [Theory]
    [MemberData(nameof(UnusableKeys))]
    public void An_unusable_key_stops_start_up_naming_the_setting(string setting, string pem, string why)
    {
        var failure = SampleServiceAlone.StartupFailure(new Dictionary<string, string?> { [$"Jwt:{setting}"] = pem });

        Assert.Contains($"Jwt:{setting} ", failure, StringComparison.Ordinal);
        Assert.Contains(why, failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_RSA_key_accepts_the_RS256_tokens_it_signed_and_no_others()
    {
        using var rsa = RSA.Create(2048);
        await using var service = SampleServiceAlone.With(new Dictionary<string, string?> { ["Jwt:PublicKey"] = rsa.ExportSubjectPublicKeyInfoPem() });
        using var client = service.CreateClient();

        using var rs256 = await client.SendAsync(Me(TestTokens.SignedWith(rsa, Guid.NewGuid(), UserRole.Worker)));
        using var es256 = await client.SendAsync(Me(TestTokens.For(Guid.NewGuid(), UserRole.Worker)));

        Assert.Equal(HttpStatusCode.OK, rs256.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, es256.StatusCode);
    }

    [Fact]
    public async Task A_token_signed_with_the_previous_key_is_accepted_while_that_key_is_configured_and_refused_once_it_is_removed()
    {
        using var previousKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var signedBeforeTheSwitch = TestTokens.SignedWith(previousKey, Guid.NewGuid(), UserRole.Worker);
        var signedAfterTheSwitch = TestTokens.For(Guid.NewGuid(), UserRole.Worker);
        await using var rotating = SampleServiceAlone.With(new Dictionary<string, string?> { ["Jwt:PreviousPublicKey"] = previousKey.ExportSubjectPublicKeyInfoPem() });
        await using var rotated = SampleServiceAlone.With(new Dictionary<string, string?>());
        using var duringRotation = rotating.CreateClient();
        using var afterRotation = rotated.CreateClient();

        using var oldDuring = await duringRotation.SendAsync(Me(signedBeforeTheSwitch));
        using var newDuring = await duringRotation.SendAsync(Me(signedAfterTheSwitch));
        using var oldAfter = await afterRotation.SendAsync(Me(signedBeforeTheSwitch));
        using var newAfter = await afterRotation.SendAsync(Me(signedAfterTheSwitch));

        Assert.Equal(HttpStatusCode.OK, oldDuring.StatusCode);
        Assert.Equal(HttpStatusCode.OK, newDuring.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, oldAfter.StatusCode);
        Assert.Equal(HttpStatusCode.OK, newAfter.StatusCode);
    }

    private static HttpRequestMessage Me(string token) => new(HttpMethod.Get, "/accounts/me")
    {
        Headers = { Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token) },
    };
}
