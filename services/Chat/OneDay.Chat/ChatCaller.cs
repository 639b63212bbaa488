using Microsoft.AspNetCore.Authorization;
using OneDay.ServiceDefaults.Security;

namespace OneDay.Chat;

/// <summary>
/// Every chat endpoint and the hub act for one user, so they require a token whose subject is a user id:
/// handlers can then take the caller's id without a null check, and a token without one gets 403, not a 500.
/// </summary>
public static class ChatCaller
{
    public const string Policy = "chat-caller";

    public static void Require(AuthorizationPolicyBuilder policy) =>
        policy.RequireAuthenticatedUser().RequireAssertion(context => context.User.UserId() is not null);
}
