using OneDay.Notifications.InApp;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using OneDay.Contracts;
using OneDay.Contracts.Notifications;
using OneDay.Contracts.Payments;
using OneDay.Notifications.Sending;
using OneDay.Testing;
using static OneDay.Notifications.Tests.NotificationsFixture;

namespace OneDay.Notifications.Tests;

/// <summary>The hub: a user's connections, on either replica, get their own notifications and unread counts at once, and nobody else's.</summary>
[Collection(NotificationsCollection.Name)]
public sealed class HubTests(NotificationsFixture fixture)
{
    /// <summary>A connected client and what it has received, in order.</summary>
    private sealed class HubClient : HubTestClient
    {
        private HubClient(HubConnection connection)
            : base(connection)
        {
            connection.On<NotificationView>("notification", n => Notifications.Writer.TryWrite(n));
            connection.On<UnreadCount>("unread_count", c => UnreadCounts.Writer.TryWrite(c.Count));
        }

        public Channel<NotificationView> Notifications { get; } = Channel.CreateUnbounded<NotificationView>();

        public Channel<int> UnreadCounts { get; } = Channel.CreateUnbounded<int>();

        public static async Task<HubClient> ConnectAsync(Uri service, string? token, bool tokenInQueryString = false)
        {
            var url = new Uri(service, tokenInQueryString ? $"/hubs/notifications?access_token={token}" : "/hubs/notifications");
            var connection = new HubConnectionBuilder()
                .WithUrl(url, options =>
                {
                    if (tokenInQueryString)
                    {
                        options.SkipNegotiation = true;
                        options.Transports = HttpTransportType.WebSockets;
                    }
                    else if (token is not null)
                    {
                        options.AccessTokenProvider = () => Task.FromResult<string?>(token);
                    }
                })
                .AddJsonProtocol(o => ContractJson.Configure(o.PayloadSerializerOptions))
                .Build();
            // The count sent on connecting says the user's group is joined: nothing sent from now on is missed.
            return await StartAsync(new HubClient(connection), client => NextAsync(client.UnreadCounts));
        }
    }

    private static async Task<T> NextAsync<T>(Channel<T> channel, TimeSpan? within = null) =>
        await channel.Reader.ReadAsync().AsTask().WaitAsync(within ?? TimeSpan.FromSeconds(10));

    private static async Task SendAsAdminAsync(Uri service, Guid userId, string title)
    {
        using var admin = new HttpClient { BaseAddress = service };
        admin.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.For(Guid.NewGuid(), UserRole.Admin));
        using var response = await admin.PostAsJsonAsync("/notifications/send", new SendNotificationRequest(userId, NotificationKind.Announcement,
            new Dictionary<string, string> { ["title"] = title, ["body"] = "공지 내용" }), ContractJson.Options);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task A_connected_user_gets_the_notification_and_unread_count_within_a_second_and_another_user_gets_none_of_it()
    {
        var workerId = Guid.NewGuid();
        var otherId = Guid.NewGuid();
        await using var worker = await HubClient.ConnectAsync(fixture.Service.BaseAddress, TestTokens.For(workerId, UserRole.Worker));
        await using var other = await HubClient.ConnectAsync(fixture.Replica.BaseAddress, TestTokens.For(otherId, UserRole.Worker));
        var clock = Stopwatch.StartNew();

        await fixture.Users.PublishEventAsync("pubsub", "settlement-created", Stamped(new SettlementCreated(Guid.NewGuid(), Guid.NewGuid(), workerId, 95_000)));

        var received = await NextAsync(worker.Notifications, TimeSpan.FromSeconds(1));
        Assert.Equal(1, await NextAsync(worker.UnreadCounts, TimeSpan.FromSeconds(1)));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");
        Assert.Equal(NotificationKind.SettlementCreated, received.Kind);
        Assert.Equal("95,000원이 정산되어 지갑에 입금되었습니다.", received.Body);

        // The other user's first message is their own: the worker's never reached them.
        await fixture.PublishAsync(Stamped(new SettlementCreated(Guid.NewGuid(), Guid.NewGuid(), otherId, 1_000)));
        Assert.Equal("1,000원이 정산되어 지갑에 입금되었습니다.", (await NextAsync(other.Notifications)).Body);
        Assert.Equal(1, await NextAsync(other.UnreadCounts));

        // Reading it elsewhere updates the open connection's count.
        using var client = fixture.ClientOf(workerId);
        using var read = await client.PutAsync(new Uri($"/notifications/{received.Id}/read", UriKind.Relative), null);
        Assert.Equal(0, await NextAsync(worker.UnreadCounts));
    }

    [Fact]
    public async Task Connecting_tells_the_current_unread_count()
    {
        var userId = Guid.NewGuid();
        await fixture.PublishAsync(Stamped(new WithdrawalRequested(Guid.NewGuid(), userId, 5_000)));
        await fixture.PublishAsync(Stamped(new WithdrawalCompleted(Guid.NewGuid(), userId, 5_000)));
        await Eventually.TrueAsync(async () => (await fixture.ListAsync(userId)).Items.Count == 2);

        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(fixture.Replica.BaseAddress, "/hubs/notifications"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(TestTokens.For(userId, UserRole.Worker)))
            .AddJsonProtocol(o => ContractJson.Configure(o.PayloadSerializerOptions))
            .Build();
        await using (connection)
        {
            var count = new TaskCompletionSource<int>();
            connection.On<UnreadCount>("unread_count", c => count.TrySetResult(c.Count));
            await connection.StartAsync();

            Assert.Equal(2, await count.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        }
    }

    [Fact]
    public async Task Both_replicas_deliver_to_a_user_connected_to_either()
    {
        var userId = Guid.NewGuid();
        var token = TestTokens.For(userId, UserRole.Employer);
        await using var onService = await HubClient.ConnectAsync(fixture.Service.BaseAddress, token);
        await using var onReplica = await HubClient.ConnectAsync(fixture.Replica.BaseAddress, token);

        await SendAsAdminAsync(fixture.Service.BaseAddress, userId, "첫 번째 공지");
        Assert.Equal("첫 번째 공지", (await NextAsync(onService.Notifications)).Title);
        Assert.Equal("첫 번째 공지", (await NextAsync(onReplica.Notifications)).Title);

        await SendAsAdminAsync(fixture.Replica.BaseAddress, userId, "두 번째 공지");
        Assert.Equal("두 번째 공지", (await NextAsync(onService.Notifications)).Title);
        Assert.Equal("두 번째 공지", (await NextAsync(onReplica.Notifications)).Title);
    }

    [Fact]
    public async Task A_websocket_may_carry_the_token_in_the_query_string()
    {
        var userId = Guid.NewGuid();
        await using var client = await HubClient.ConnectAsync(fixture.Replica.BaseAddress, TestTokens.For(userId, UserRole.Worker), tokenInQueryString: true);

        await SendAsAdminAsync(fixture.Service.BaseAddress, userId, "웹소켓 공지");

        Assert.Equal("웹소켓 공지", (await NextAsync(client.Notifications)).Title);
    }

    [Fact]
    public async Task A_connection_is_closed_when_its_access_token_expires()
    {
        var userId = Guid.NewGuid();
        await using var shortLived = await HubClient.ConnectAsync(fixture.Service.BaseAddress, TestTokens.For(userId, UserRole.Worker, TimeSpan.FromSeconds(3)), tokenInQueryString: true);
        await using var longLived = await HubClient.ConnectAsync(fixture.Service.BaseAddress, TestTokens.For(userId, UserRole.Worker));

        await shortLived.Closed.WaitAsync(TimeSpan.FromSeconds(10));

        await SendAsAdminAsync(fixture.Service.BaseAddress, userId, "새 토큰의 연결만 받습니다");
        Assert.Equal("새 토큰의 연결만 받습니다", (await NextAsync(longLived.Notifications)).Title);
    }

    [Fact]
    public async Task Suspending_or_deleting_an_account_closes_its_connections_on_both_replicas_and_no_one_elses()
    {
        var suspendedId = Guid.NewGuid();
        var deletedId = Guid.NewGuid();
        var bystanderId = Guid.NewGuid();
        await using var suspendedOnService = await HubClient.ConnectAsync(fixture.Service.BaseAddress, TestTokens.For(suspendedId, UserRole.Worker));
        await using var suspendedOnReplica = await HubClient.ConnectAsync(fixture.Replica.BaseAddress, TestTokens.For(suspendedId, UserRole.Worker));
        await using var deleted = await HubClient.ConnectAsync(fixture.Replica.BaseAddress, TestTokens.For(deletedId, UserRole.Employer));
        await using var bystander = await HubClient.ConnectAsync(fixture.Replica.BaseAddress, TestTokens.For(bystanderId, UserRole.Worker));

        await fixture.PublishAsync(Stamped(new Contracts.Users.UserSuspended(suspendedId)));
        await fixture.PublishAsync(Stamped(new Contracts.Users.UserDeleted(deletedId)));

        await Task.WhenAll(suspendedOnService.Closed, suspendedOnReplica.Closed, deleted.Closed).WaitAsync(TimeSpan.FromSeconds(10));
        await SendAsAdminAsync(fixture.Service.BaseAddress, bystanderId, "계속 연결되어 있습니다");
        Assert.Equal("계속 연결되어 있습니다", (await NextAsync(bystander.Notifications)).Title);
    }

    [Fact]
    public async Task The_hub_refuses_a_connection_without_a_valid_token()
    {
        await Assert.ThrowsAsync<HttpRequestException>(() => HubClient.ConnectAsync(fixture.Service.BaseAddress, token: null));
        await Assert.ThrowsAnyAsync<Exception>(() =>
            HubClient.ConnectAsync(fixture.Service.BaseAddress, TestTokens.SignedByAnotherKey(Guid.NewGuid(), UserRole.Worker), tokenInQueryString: true));
    }
}
