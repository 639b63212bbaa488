using System.Net.Http.Json;
using Microsoft.AspNetCore.Authentication;

namespace OneDay.Web.Accounts;

/// <summary>
/// A session's current access token, refreshed at the API shortly before it expires. Both a page request (the
/// cookie's validation) and a live circuit (its API calls, its hub connections) come here, one refresh per
/// session at a time: the refresh token rotates, and two refreshes with the same one would look like a stolen
/// token being reused and end the session.
/// </summary>
public sealed class SessionTokens(ServerTicketStore store, Clients.GatewayHttp gateway, TimeProvider time)
{
    private static readonly TimeSpan RefreshAhead = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim[] _refreshing = [.. Enumerable.Range(0, 32).Select(_ => new SemaphoreSlim(1, 1))];

    /// <summary>The access token of session <paramref name="sessionKey"/>, or null when the session is over.</summary>
    public async Task<string?> AccessTokenAsync(string sessionKey, CancellationToken cancellationToken)
    {
        if (await store.RetrieveAsync(sessionKey) is not { } ticket) return null;
        if (!Due(ticket.Properties)) return ticket.Properties.GetTokenValue(WebSessions.AccessToken);

        var gate = _refreshing[(int)((uint)StringComparer.Ordinal.GetHashCode(sessionKey) % (uint)_refreshing.Length)];
        await gate.WaitAsync(cancellationToken);
        try
        {
            // Another request may have refreshed while this one waited.
            if (await store.RetrieveAsync(sessionKey) is not { } current) return null;
            if (!Due(current.Properties)) return current.Properties.GetTokenValue(WebSessions.AccessToken);
            if (await RefreshAsync(current.Properties.GetTokenValue(WebSessions.RefreshToken), cancellationToken) is not { } tokens)
            {
                // The refresh token was revoked, reused or expired: the person signs in again.
                await store.RemoveAsync(sessionKey);
                return null;
            }
            WebSessions.Store(current.Properties, tokens);
            await store.RenewAsync(sessionKey, current);
            return tokens.AccessToken;
        }
        finally
        {
            gate.Release();
        }
    }

    private bool Due(AuthenticationProperties properties) =>
        !DateTimeOffset.TryParse(properties.GetTokenValue(WebSessions.AccessTokenExpiresAt), out var expiresAt)
        || expiresAt - time.GetUtcNow() <= RefreshAhead;

    private async Task<TokenPair?> RefreshAsync(string? refreshToken, CancellationToken cancellationToken)
    {
        if (refreshToken is null) return null;
        using var request = new HttpRequestMessage(HttpMethod.Post, "users/refresh")
        {
            Content = JsonContent.Create(new { refreshToken }, options: Clients.GatewayHttp.Json),
        };
        using var response = await gateway.SendAsync(request, cancellationToken);
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<TokenPair>(Clients.GatewayHttp.Json, cancellationToken) : null;
    }
}

/// <summary>The signed-in person of this request or circuit, and their access token, which stays in this process.</summary>
public sealed class CurrentSession(IHttpContextAccessor accessor, SessionTokens tokens)
{
    /// <summary>
    /// Null for a visitor or an ended session. In a circuit the request is the one that opened it, whose
    /// authentication named the session; the token is read afresh from the session each time.
    /// </summary>
    public async Task<string?> AccessTokenAsync(CancellationToken cancellationToken)
    {
        if (accessor.HttpContext is not { } context) return null;
        var signedIn = await context.AuthenticateAsync();
        return ServerTicketStore.KeyOf(signedIn.Properties) is { } key ? await tokens.AccessTokenAsync(key, cancellationToken) : null;
    }
}
