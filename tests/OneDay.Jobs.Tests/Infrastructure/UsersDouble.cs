using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using OneDay.Contracts;
using OneDay.Contracts.Users;
using OneDay.Testing;

namespace OneDay.Jobs.Tests.Infrastructure;

/// <summary>
/// The users service's eligibility endpoint as jobs expects it (`GET /internal/users/{id}/eligibility`,
/// 200 with eligible and reasons, 404 for an unknown account), answering what the test decides:
/// eligible unless told otherwise.
/// </summary>
public sealed class UsersDouble : IAsyncDisposable
{
    private readonly ConcurrentDictionary<Guid, IneligibilityReason[]> _ineligible = new();
    private readonly ConcurrentDictionary<Guid, bool> _unknown = new();
    private PeerApp _app = null!;

    public static async Task<UsersDouble> StartAsync(DaprTestEnvironment environment)
    {
        var users = new UsersDouble();
        users._app = await PeerApp.StartAsync(environment, "users", app =>
            app.MapGet("/internal/users/{id:guid}/eligibility", (Guid id) =>
                users._unknown.ContainsKey(id)
                    ? Results.NotFound()
                    : users._ineligible.TryGetValue(id, out var reasons)
                        ? Results.Json(new ApplicantEligibility(id, false, reasons), ContractJson.Options)
                        : Results.Json(new ApplicantEligibility(id, true, []), ContractJson.Options)));
        return users;
    }

    public void MakeIneligible(Guid userId, params IneligibilityReason[] reasons) => _ineligible[userId] = reasons;

    public void Forget(Guid userId) => _unknown[userId] = true;

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
