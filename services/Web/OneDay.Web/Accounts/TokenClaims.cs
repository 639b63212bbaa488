using System.Text;
using System.Text.Json;

namespace OneDay.Web.Accounts;

/// <summary>
/// Reads who the API issued an access token to, so the pages know whom they show. The token arrived straight
/// from the users service over the sidecar and every API call validates it again, so its signature is not
/// checked here.
/// </summary>
public static class TokenClaims
{
    public sealed record Subject(Guid UserId, string Role);

    public static Subject Read(string accessToken)
    {
        var parts = accessToken.Split('.');
        if (parts.Length != 3) throw new FormatException("An access token has three parts.");
        var payload = parts[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=');
        using var json = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload)));
        return new Subject(Guid.Parse(json.RootElement.GetProperty("sub").GetString()!), json.RootElement.GetProperty("role").GetString()!);
    }
}
