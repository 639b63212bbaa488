using System.Net;
using System.Net.Http.Json;
using Dapr.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneDay.Chat.Data;
using OneDay.Chat.Messages;
using OneDay.Chat.Rooms;
using OneDay.Contracts;
using OneDay.Contracts.Jobs;
using OneDay.Testing;

namespace OneDay.Chat.Tests;

/// <summary>
/// Two instances of the chat service on one fresh database and one Redis, each beside its own sidecar;
/// events are published from the jobs and users sidecars, and a probe subscribes to what chat publishes.
/// </summary>
public sealed class ChatFixture : IAsyncLifetime
{
    /// <summary>Low enough that a test can reach it, high enough that no other test does.</summary>
    public const int MessagesPerWindow = 30;

    /// <summary>Hub calls one connection may make at once (HubCalls:Burst), beside a refill of a few per second.</summary>
    public const int ThrottledBurst = 20;

    public const int ThrottledPerSecond = 10;

    private readonly List<DaprClient> _clients = [];

    public DaprTestEnvironment Dapr { get; } = new();

    public TestDatabase Database { get; private set; } = null!;

    public ServiceTestHost<Program> Service { get; private set; } = null!;

    public ServiceTestHost<Program> Replica { get; private set; } = null!;

    /// <summary>What chat publishes, as notifications would receive it.</summary>
    public EventProbe Probe { get; private set; } = null!;

    /// <summary>The sidecar events are published from (the jobs and users services' role).</summary>
    public DaprClient Publisher { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync("oneday_chat");
        Dapr.WithSecret("ConnectionStrings:chat", Database.ConnectionString)
            .WithSecret("ConnectionStrings:redis", await TestServers.RedisAsync());
        var settings = new Dictionary<string, string?>
        {
            ["Outbox:SweepInterval"] = "00:00:00.500",
            ["Chat:MessagesPerWindow"] = MessagesPerWindow.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Chat:SendWindow"] = "00:01:00",
            ["Chat:TypingInterval"] = "00:00:01",
            ["Chat:PresenceLease"] = "00:00:02",
            ["HubCalls:Burst"] = ThrottledBurst.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["HubCalls:PerSecond"] = ThrottledPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        Service = await Dapr.StartServiceAsync<Program>("chat", settings);
        Replica = await Dapr.StartServiceAsync<Program>("chat", settings);
        Probe = await EventProbe.StartAsync(Dapr, "notifications", "chat-message-sent");
        var sidecar = await Dapr.Cluster.StartSidecarAsync(Dapr.SidecarOptions("jobs", 0));
        Publisher = new DaprClientBuilder()
            .UseHttpEndpoint(sidecar.HttpEndpoint.ToString())
            .UseGrpcEndpoint(sidecar.GrpcEndpoint.ToString())
            .UseJsonSerializationOptions(ContractJson.Options)
            .Build();
        _clients.Add(Publisher);
    }

    /// <summary>Publishes an event as its service would and waits until it has been handled.</summary>
    public Task PublishAsync<TEvent>(TEvent integrationEvent)
        where TEvent : IntegrationEvent => Dapr.PublishAsync(Publisher, integrationEvent);

    /// <summary>A match for work starting at <paramref name="startsAt"/> (default: in three hours) and lasting <paramref name="lasts"/> (default: eight hours).</summary>
    public static JobMatched NewMatch(Guid? jobId = null, Guid? employerId = null, DateTimeOffset? startsAt = null, TimeSpan? lasts = null)
    {
        var starts = startsAt ?? DateTimeOffset.UtcNow.AddHours(3);
        return Stamped(new JobMatched(jobId ?? Guid.NewGuid(), Guid.NewGuid(), employerId ?? Guid.NewGuid(), Guid.NewGuid(), "물류센터 상하차", starts, starts + (lasts ?? TimeSpan.FromHours(8))));
    }

    /// <summary>A match published as jobs publishes it; returns it with the id of its direct room.</summary>
    public async Task<(JobMatched Match, Guid RoomId)> MatchedAsync(DateTimeOffset? startsAt = null, TimeSpan? lasts = null)
    {
        var match = NewMatch(startsAt: startsAt, lasts: lasts);
        await PublishAsync(match);
        return (match, await DirectRoomOfAsync(match.ApplicationId));
    }

    public Task<Guid> DirectRoomOfAsync(Guid applicationId) =>
        QueryAsync(db => db.Rooms.Where(r => r.ApplicationId == applicationId).Select(r => r.Id).SingleAsync());

    public async Task<T> QueryAsync<T>(Func<ChatDbContext, Task<T>> query)
    {
        await using var scope = Service.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<ChatDbContext>());
    }

    public static HttpClient ClientOf(ServiceTestHost<Program> host, Guid userId, UserRole role = UserRole.Worker) =>
        host.CreateClient(TestTokens.For(userId, role));

    public HttpClient ClientOf(Guid userId, UserRole role = UserRole.Worker) => ClientOf(Service, userId, role);

    /// <summary>Sends through REST and returns the stored message.</summary>
    public static async Task<MessageView> SendAsync(HttpClient client, Guid roomId, string text, Guid? clientMessageId = null)
    {
        using var response = await client.PostAsJsonAsync($"/chat/rooms/{roomId}/messages", new SendMessageRequest(clientMessageId ?? Guid.NewGuid(), text), ContractJson.Options);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<MessageView>(ContractJson.Options))!;
    }

    public static async Task<MessagePage> PageAsync(HttpClient client, Guid roomId, string query = "")
    {
        using var response = await client.GetAsync(new Uri($"/chat/rooms/{roomId}/messages{query}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<MessagePage>(ContractJson.Options))!;
    }

    public static async Task<IReadOnlyList<RoomView>> RoomsAsync(HttpClient client) => (await RoomPageAsync(client)).Rooms;

    public static async Task<RoomPage> RoomPageAsync(HttpClient client, string query = "")
    {
        using var response = await client.GetAsync(new Uri($"/chat/rooms{query}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<RoomPage>(ContractJson.Options))!;
    }

    public async Task DisposeAsync()
    {
        foreach (var client in _clients) client.Dispose();
        await Probe.DisposeAsync();
        await Dapr.DisposeAsync();
        await Database.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ChatCollection : ICollectionFixture<ChatFixture>
{
    public const string Name = "chat";
}
