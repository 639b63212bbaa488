using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneDay.Contracts;
using OneDay.Contracts.Users;
using OneDay.Persistence.Inbox;
using OneDay.SampleService.Accounts;
using OneDay.SampleService.Data;
using OneDay.Testing;

namespace OneDay.BuildingBlocks.Tests;

/// <summary>
/// With APP_API_TOKEN set (app and sidecar, as `dapr.io/app-token-secret` does), the subscription routes
/// answer only the app's own sidecar: events it delivers are handled, anyone else's post is refused.
/// </summary>
public sealed class AppApiTokenTests : IAsyncLifetime
{
    private const string AppApiToken = "app-token-5f1c9e";
    private readonly DaprTestEnvironment _dapr = new();
    private TestDatabase _database = null!;
    private ServiceTestHost<Program> _service = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _dapr.WithSecret("ConnectionStrings:sample", _database.ConnectionString).WithAppApiToken(AppApiToken);
        _service = await _dapr.StartServiceAsync<Program>("sample");
    }

    public async Task DisposeAsync()
    {
        await _dapr.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task An_event_the_sidecar_delivers_is_handled()
    {
        using var client = _service.CreateClient();

        // The account's UserCreated goes out through the outbox and comes back through the sidecar, which sends the token.
        using var response = await client.PostAsJsonAsync("/accounts", new OpenAccount("token@oneday.kr", "토큰"));
        var account = (await response.Content.ReadFromJsonAsync<AccountView>())!;

        await Eventually.TrueAsync(async () => await WelcomesAsync(account.Id) == 1, what: "the event handled");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-token")]
    public async Task A_post_to_a_subscription_route_without_the_token_is_refused_and_changes_nothing(string? token)
    {
        var userCreated = NewEvent(Guid.NewGuid());

        var (status, _) = await _service.DeliverAsync(userCreated, token);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(0, await WelcomesAsync(userCreated.UserId));
        Assert.False(await QueryAsync(db => db.Set<InboxMessage>().AnyAsync(m => m.EventId == userCreated.EventId)));
    }

    private static UserCreated NewEvent(Guid userId) =>
        new(userId, "token@oneday.kr", "토큰", UserRole.Worker) { EventId = Guid.NewGuid(), OccurredAt = DateTimeOffset.UtcNow };

    private Task<int> WelcomesAsync(Guid userId) => QueryAsync(db => db.Welcomes.CountAsync(w => w.UserId == userId));

    private async Task<T> QueryAsync<T>(Func<SampleDbContext, Task<T>> query)
    {
        await using var scope = _service.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<SampleDbContext>());
    }
}
