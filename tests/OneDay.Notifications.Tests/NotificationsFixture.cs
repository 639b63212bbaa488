using OneDay.Notifications.InApp;
using System.Net;
using System.Net.Http.Json;
using Dapr.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneDay.Contracts;
using OneDay.Notifications.Data;
using OneDay.Notifications.Devices;
using OneDay.Testing;

namespace OneDay.Notifications.Tests;

/// <summary>
/// Two replicas of the notifications service on one fresh database and one Redis, each beside its own
/// sidecar; bindings `email`, `sms`, `push` are bindings.localstorage under <see cref="Outbox"/>. Events are
/// published, and the service is invoked, from the sidecars of other apps (users, jobs, gateway), as in production.
/// </summary>
public class NotificationsFixture : IAsyncLifetime
{
    private readonly List<DaprClient> _clients = [];

    public DaprTestEnvironment Dapr { get; } = new();

    public TestDatabase Database { get; private set; } = null!;

    public string Outbox { get; } = Path.Combine(Path.GetTempPath(), "oneday-notifications-outbox", Guid.NewGuid().ToString("N"));

    public ServiceTestHost<Program> Service { get; private set; } = null!;

    public ServiceTestHost<Program> Replica { get; private set; } = null!;

    /// <summary>The users service's sidecar: publishes events, invokes notifications.</summary>
    public DaprClient Users { get; private set; } = null!;

    /// <summary>The gateway's sidecar: what a client's request relayed by the gateway looks like to the service.</summary>
    public DaprClient Gateway { get; private set; } = null!;

    /// <summary>Whether the fixture also starts the second replica.</summary>
    protected virtual bool WithReplica => true;

    /// <summary>Writes the channel bindings; a subclass may break one.</summary>
    protected virtual void WriteBindings()
    {
        foreach (var channel in new[] { "email", "sms", "push" }) WriteBinding(channel, Path.Combine(Outbox, channel));
    }

    protected void WriteBinding(string name, string rootPath) => File.WriteAllText(Path.Combine(Dapr.ResourcesFolder, $"{name}.yaml"),
        DaprComponentYaml.Of(name, "bindings.localstorage", [("rootPath", rootPath)]));

    public virtual async Task InitializeAsync()
    {
        WriteBindings();
        Database = await TestDatabase.CreateAsync("oneday_notifications");
        Dapr.WithSecret("ConnectionStrings:notifications", Database.ConnectionString)
            .WithSecret("ConnectionStrings:redis", await TestServers.RedisAsync());
        var settings = new Dictionary<string, string?>
        {
            ["Delivery:SweepInterval"] = "00:00:00.200",
            ["Delivery:InitialBackoff"] = "00:00:00.200",
            ["Delivery:MaxBackoff"] = "00:00:01",
            ["Outbox:SweepInterval"] = "00:00:00.500",
        };
        Service = await Dapr.StartServiceAsync<Program>("notifications", settings);
        if (WithReplica) Replica = await Dapr.StartServiceAsync<Program>("notifications", settings);
        Users = await CallerAsync("users");
        Gateway = await CallerAsync("gateway");
    }

    private async Task<DaprClient> CallerAsync(string appId)
    {
        var sidecar = await Dapr.Cluster.StartSidecarAsync(Dapr.SidecarOptions(appId, 0));
        var client = new DaprClientBuilder()
            .UseHttpEndpoint(sidecar.HttpEndpoint.ToString())
            .UseGrpcEndpoint(sidecar.GrpcEndpoint.ToString())
            .UseJsonSerializationOptions(ContractJson.Options)
            .Build();
        _clients.Add(client);
        return client;
    }

    /// <summary>Publishes an event as its service would and waits until it has been handled.</summary>
    public Task PublishAsync<TEvent>(TEvent integrationEvent)
        where TEvent : IntegrationEvent => Dapr.PublishAsync(Users, integrationEvent);

    public async Task<T> QueryAsync<T>(Func<NotificationsDbContext, Task<T>> query)
    {
        await using var scope = Service.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<NotificationsDbContext>());
    }

    public Task<List<Notification>> NotificationsOfAsync(Guid userId) =>
        QueryAsync(db => db.Notifications.AsNoTracking().Where(n => n.UserId == userId).OrderBy(n => n.CreatedAt).ToListAsync());

    /// <summary>The messages a channel's binding wrote for a user (one file each).</summary>
    public IReadOnlyList<string> Sent(string channel, Guid userId)
    {
        var folder = Path.Combine(Outbox, channel, userId.ToString());
        return Directory.Exists(folder) ? Directory.GetFiles(folder).Select(File.ReadAllText).ToList() : [];
    }

    /// <summary>Waits until the channel has written <paramref name="count"/> messages for the user.</summary>
    public async Task<IReadOnlyList<string>> SentEventuallyAsync(string channel, Guid userId, int count = 1)
    {
        await Eventually.TrueAsync(() => Task.FromResult(Sent(channel, userId).Count >= count), TimeSpan.FromSeconds(10), $"{count} {channel} message(s) for {userId}");
        return Sent(channel, userId);
    }

    /// <summary>A recipient known to the directory, as users' events make one.</summary>
    public async Task<Guid> RegisteredUserAsync(string? phoneNumber = null, string displayName = "김민수")
    {
        var userId = Guid.NewGuid();
        await PublishAsync(Stamped(new Contracts.Users.UserCreated(userId, $"{userId:N}@oneday.kr", displayName, UserRole.Worker)));
        if (phoneNumber is not null) await PublishAsync(Stamped(new Contracts.Users.UserUpdated(userId, displayName, phoneNumber)));
        return userId;
    }

    /// <summary>An HTTP client signed in as the worker <paramref name="userId"/>.</summary>
    public HttpClient ClientOf(Guid userId) => Service.CreateClient(TestTokens.For(userId, UserRole.Worker));

    /// <summary>Registers a push device for the user as the mobile app does; a fresh token unless one is given.</summary>
    public async Task<PushDeviceView> RegisterDeviceAsync(Guid userId, string? token = null, PushPlatform platform = PushPlatform.Android)
    {
        using var client = ClientOf(userId);
        using var response = await client.PutAsJsonAsync("/notifications/devices", new RegisterDeviceRequest(token ?? NewDeviceToken(), platform.ToString()), ContractJson.Options);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<PushDeviceView>(ContractJson.Options))!;
    }

    /// <summary>A token shaped like a provider's (long and opaque).</summary>
    public static string NewDeviceToken() => $"fcm:{Guid.NewGuid():N}{Guid.NewGuid():N}";

    public async Task<NotificationPage> ListAsync(Guid userId, string query = "")
    {
        using var client = ClientOf(userId);
        using var response = await client.GetAsync(new Uri($"/notifications{query}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<NotificationPage>(ContractJson.Options))!;
    }

    public virtual async Task DisposeAsync()
    {
        foreach (var client in _clients) client.Dispose();
        await Dapr.DisposeAsync();
        await Database.DisposeAsync();
        TestFolders.TryDelete(Outbox);
    }
}

[CollectionDefinition(Name)]
public sealed class NotificationsCollection : ICollectionFixture<NotificationsFixture>
{
    public const string Name = "notifications";
}
