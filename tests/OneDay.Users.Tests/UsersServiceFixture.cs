using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OneDay.Contracts;
using OneDay.Contracts.Notifications;
using OneDay.Testing;
using OneDay.Users.AccountMessaging;
using OneDay.Users.Authentication;
using OneDay.Users.Data;

namespace OneDay.Users.Tests;

/// <summary>A registered account as a test knows it.</summary>
public sealed record TestAccount(Guid Id, string Email, string Password, UserRole Role);

/// <summary>
/// The users service on a fresh database beside its sidecar, signing with the test key pair (so its tokens
/// are the ones every service accepts), with a fake notifications app and an event probe as Dapr peers.
/// Shared by one test class.
/// </summary>
public class UsersServiceFixture : IAsyncLifetime
{
    public static readonly string[] UserTopics = ["user-created", "user-updated", "user-verified", "user-deleted", "user-suspended"];

    public DaprTestEnvironment Dapr { get; } = new();

    public TestDatabase Database { get; private set; } = null!;

    public FakeNotificationsApp Notifications { get; private set; } = null!;

    public EventProbe Events { get; private set; } = null!;

    public ServiceTestHost<Program> Service { get; private set; } = null!;

    /// <summary>Settings beyond the defaults every users host gets.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    /// <summary>Whether the fake notifications app runs from the start; otherwise <see cref="StartNotificationsAppAsync"/> brings it.</summary>
    protected virtual bool NotificationsAppFromTheStart => true;

    public virtual async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync("oneday_users_test");
        Dapr.WithSecret("ConnectionStrings:users", Database.ConnectionString)
            .WithSecret("Jwt:SigningKey", TestTokens.SigningKeyPem);
        if (NotificationsAppFromTheStart) await StartNotificationsAppAsync();
        Events = await EventProbe.StartAsync(Dapr, "user-events-probe", UserTopics);
        var settings = new Dictionary<string, string?>
        {
            ["Outbox:SweepInterval"] = "00:00:00.200",
            ["Outbox:InitialBackoff"] = "00:00:00.100",
            ["NotificationDelivery:PollInterval"] = "00:00:00.100",
            ["NotificationDelivery:InitialBackoff"] = "00:00:00.050",
            ["Tokens:ResendCooldown"] = "00:00:00",
        };
        foreach (var (key, value) in Settings) settings[key] = value;
        Service = await Dapr.StartServiceAsync<Program>("users", settings);
    }

    /// <summary>Starts the fake notifications app: from then on users' messages have somewhere to go.</summary>
    public async Task StartNotificationsAppAsync() => Notifications = await FakeNotificationsApp.StartAsync(Dapr);

    public HttpClient Client(string? accessToken = null) => Service.CreateClient(accessToken);

    /// <summary>Registers a new account through the API.</summary>
    public async Task<TestAccount> RegisterAsync(UserRole role = UserRole.Worker, string? email = null)
    {
        email ??= $"user-{Guid.NewGuid():N}@oneday.kr";
        const string password = "상하차-알바-2026!";
        using var client = Client();
        using var response = await client.PostAsJsonAsync("/users/register", new { email, password, displayName = "김민수", phoneNumber = "010-1234-5678", role });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return new TestAccount(await IdOfAsync(email), email, password, role);
    }

    /// <summary>
    /// The id of the account with <paramref name="email"/>, read from the database: registration's answer does not
    /// carry it, because it must read the same whether the address was free or taken.
    /// </summary>
    public Task<Guid> IdOfAsync(string email)
    {
        var normalised = email.Trim().ToLowerInvariant();
        return QueryAsync(db => db.Users.Where(u => u.Email == normalised).Select(u => u.Id).SingleAsync());
    }

    /// <summary>Registers an account and verifies its e-mail with the link the notification carried.</summary>
    public async Task<TestAccount> RegisterVerifiedAsync(UserRole role = UserRole.Worker)
    {
        var account = await RegisterAsync(role);
        var token = await Notifications.TokenForAsync(account.Id, NotificationKind.EmailVerification);
        Assert.Equal(HttpStatusCode.NoContent, await PostAsync("/users/verify-email", new { token }));
        return account;
    }

    /// <summary>Posts <paramref name="body"/> as JSON and returns only the status.</summary>
    public async Task<HttpStatusCode> PostAsync(string path, object body, string? accessToken = null)
    {
        using var client = Client(accessToken);
        using var response = await client.PostAsJsonAsync(path, body);
        return response.StatusCode;
    }

    public async Task<HttpResponseMessage> LogInAsync(string email, string password, string? clientAddress = null)
    {
        using var client = Client();
        if (clientAddress is not null) client.DefaultRequestHeaders.Add("X-Forwarded-For", clientAddress);
        return await client.PostAsJsonAsync("/users/login", new { email, password });
    }

    public async Task<TokenPair> TokensForAsync(TestAccount account)
    {
        using var response = await LogInAsync(account.Email, account.Password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<TokenPair>(ContractJson.Options))!;
    }

    public async Task<T> QueryAsync<T>(Func<UsersDbContext, Task<T>> query)
    {
        await using var scope = Service.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<UsersDbContext>());
    }

    public Task<Accounts.User> UserAsync(Guid id) => QueryAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == id));

    /// <summary>The events published about a user on a topic, once everything published so far was delivered.</summary>
    public async Task<IReadOnlyList<ProbedEvent>> EventsAboutAsync(Guid userId, string topic, int atLeast = 1)
    {
        await Events.WaitForAsync(events => Matching(events).Count() >= atLeast);
        // Let the dispatcher run a few more sweeps so a duplicate would have arrived too.
        await Task.Delay(TimeSpan.FromMilliseconds(600));
        await Dapr.Cluster.WaitForIdleAsync();
        return [.. Matching(Events.Received)];

        IEnumerable<ProbedEvent> Matching(IReadOnlyList<ProbedEvent> events) =>
            events.Where(e => e.Topic == topic && e.Data.GetProperty("userId").GetGuid() == userId);
    }

    /// <summary>The tables of the users database with a row that holds <paramref name="text"/> anywhere, and every table looked in.</summary>
    public async Task<(IReadOnlyList<string> Holding, IReadOnlyList<string> Searched)> TablesHoldingAsync(string text)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }
        var holding = new List<string>();
        foreach (var table in tables)
        {
            // A row as JSON text holds every column, whatever its type; bytea shows as hex, so the text is looked
            // for in hex too (a hash of it never matches either way).
            await using var search = new NpgsqlCommand(
                $"SELECT EXISTS (SELECT 1 FROM \"{table}\" r WHERE strpos(row_to_json(r)::text, @text) > 0 OR strpos(row_to_json(r)::text, encode(convert_to(@text, 'UTF8'), 'hex')) > 0)",
                connection);
            search.Parameters.AddWithValue("text", text);
            if ((bool)(await search.ExecuteScalarAsync())!) holding.Add(table);
        }
        return (holding, tables);
    }

    /// <summary>
    /// Asserts that <paramref name="received"/> carries exactly <paramref name="fields"/> besides the envelope every
    /// event has: an eventId that is also the CloudEvent's id, and the moment of the change, not before <paramref name="changedAfter"/>.
    /// </summary>
    public static void AssertPayload(ProbedEvent received, DateTimeOffset changedAfter, params string[] fields)
    {
        var data = received.Data;
        Assert.Equal([.. fields.Append("eventId").Append("occurredAt").Order(StringComparer.Ordinal)], data.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        var eventId = data.GetProperty("eventId").GetGuid();
        Assert.NotEqual(Guid.Empty, eventId);
        Assert.Equal(received.Id, eventId.ToString());
        Assert.InRange(data.GetProperty("occurredAt").GetDateTimeOffset(), changedAfter, DateTimeOffset.UtcNow);
    }

    public virtual async Task DisposeAsync()
    {
        await Events.DisposeAsync();
        if (Notifications is not null) await Notifications.DisposeAsync();
        await Dapr.DisposeAsync();
        await Database.DisposeAsync();
    }
}
