using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Caching.Memory;

namespace OneDay.Web.Accounts;

/// <summary>
/// Keeps each session's ticket (the person's claims and their access and refresh tokens) in this process;
/// the browser's cookie holds only the session key. Several replicas need sticky sessions or a shared
/// store behind this interface (see README, Web client).
/// </summary>
public sealed class ServerTicketStore(IMemoryCache cache, TimeProvider time) : ITicketStore
{
    private const string SessionKeyItem = ".oneday.session";

    /// <summary>
    /// The session a ticket is kept under. The cookie handler hands pages the stored ticket, not the cookie's, so
    /// the key travels in the ticket itself: a live circuit finds the session (and its current tokens) from it.
    /// </summary>
    public static string? KeyOf(AuthenticationProperties? properties) =>
        properties?.Items.TryGetValue(SessionKeyItem, out var key) == true ? key : null;

    public Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var key = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        ticket.Properties.Items[SessionKeyItem] = key;
        Keep(key, ticket);
        return Task.FromResult(key);
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        Keep(key, ticket);
        return Task.CompletedTask;
    }

    public Task<AuthenticationTicket?> RetrieveAsync(string key) =>
        Task.FromResult(cache.TryGetValue(Key(key), out AuthenticationTicket? ticket) ? ticket : null);

    public Task RemoveAsync(string key)
    {
        cache.Remove(Key(key));
        return Task.CompletedTask;
    }

    private void Keep(string key, AuthenticationTicket ticket)
    {
        var expires = ticket.Properties.ExpiresUtc ?? time.GetUtcNow().AddHours(8);
        cache.Set(Key(key), ticket, expires);
    }

    private static string Key(string key) => "session:" + key;
}
