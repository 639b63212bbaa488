using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using OneDay.Testing;

namespace OneDay.Payments.Tests.Infrastructure;

/// <summary>
/// Users as payments meets it: a small real HTTP app under app id "users" beside its own sidecar, answering
/// `GET /internal/users/{id}/payout-account` with a registered account for every worker except those told
/// to have none (404, as users answers).
/// </summary>
public sealed class UsersDouble : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<Guid, bool> _withoutAccount = new();

    private UsersDouble(WebApplication app) => _app = app;

    /// <summary>The account every worker has unless told otherwise, its number different per worker.</summary>
    public static (string BankName, string AccountNumber, string AccountHolder) AccountOf(Guid workerId) =>
        ("국민은행", $"123456-78-{workerId.GetHashCode() & 0xFFFF:D6}", "김민수");

    public void HasNoAccount(Guid workerId) => _withoutAccount[workerId] = true;

    public static async Task<UsersDouble> StartAsync(DaprTestEnvironment environment)
    {
        var builder = LoopbackApp.CreateBuilder(out var port);
        var app = builder.Build();
        var users = new UsersDouble(app);
        app.MapGet("/internal/users/{workerId:guid}/payout-account", (Guid workerId) =>
        {
            if (users._withoutAccount.ContainsKey(workerId)) return Results.Problem(statusCode: 404, title: "등록된 출금 계좌가 없습니다.");
            var (bankName, accountNumber, accountHolder) = AccountOf(workerId);
            return Results.Ok(new { bankName, accountNumber, accountHolder });
        });
        await app.StartAsync();
        var sidecar = await environment.Cluster.StartSidecarAsync(environment.SidecarOptions("users", port));
        await sidecar.AppReady.WaitAsync(TimeSpan.FromSeconds(30));
        return users;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
