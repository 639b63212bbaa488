using System.Net;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using OneDay.Chat.Messages;
using OneDay.Contracts;
using OneDay.Testing;
using static OneDay.Chat.Tests.ChatFixture;
using static OneDay.Chat.Tests.HubClient;

namespace OneDay.Chat.Tests;

/// <summary>The hub at /chat/socket: members only, messages in order, presence and typing, across instances through Redis.</summary>
[Collection(ChatCollection.Name)]
public sealed class HubTests(ChatFixture fixture)
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(500);

    [Fact]
    public async Task Two_members_exchange_messages_and_both_see_them_in_the_order_they_were_sent()
    {
        var (match, roomId) = await fixture.MatchedAsync();
        await using var employer = await ConnectAsync(fixture.Service, match.EmployerId, UserRole.Employer);
        await using var worker = await ConnectAsync(fixture.Service, match.WorkerId);
        await employer.JoinAsync(roomId);
        await worker.JoinAsync(roomId);

        var sent = new List<MessageView>();
        for (var i = 0; i < 6; i++) sent.Add(await (i % 2 == 0 ? employer : worker).SendAsync(roomId, $"메시지 {i}"));

        foreach (var client in new[] { employer, worker })
        {
            var received = new List<MessageView>();
            for (var i = 0; i < 6; i++) received.Add(await NextAsync(client.Messages));
            Assert.Equal(sent.Select(m => m.Id), received.Select(m => m.Id));
        }
        Assert.Equal(sent.Select(m => m.Id), sent.Select(m => m.Id).Order());
        using var reader = fixture.ClientOf(match.WorkerId);
        Assert.Equal(sent.Select(m => m.Id).Reverse(), (await PageAsync(reader, roomId)).Messages.Select(m => m.Id));
    }

    [Fact]
    public async Task Only_members_not_in_the_room_on_the_hub_are_named_for_a_notification()
    {
        var (match, roomId) = await fixture.MatchedAsync();
        using var employer = fixture.ClientOf(match.EmployerId, UserRole.Employer);
        var worker = await ConnectAsync(fixture.Service, match.WorkerId);
        await worker.JoinAsync(roomId);

        var whileThere = await SendAsync(employer, roomId, "지금 보고 계시죠?");
        await worker.DisposeAsync();
        await Eventually.TrueAsync(async () => !(await PresenceAsync(roomId)).Contains(match.WorkerId), what: "the worker gone from the room");
        var afterLeaving = await SendAsync(employer, roomId, "나가셨네요, 알림으로 보낼게요.");

        Assert.Empty(RecipientsOf(await PublishedAsync(whileThere.Id)));
        Assert.Equal([match.WorkerId], RecipientsOf(await PublishedAsync(afterLeaving.Id)));
    }

    [Fact]
    public async Task A_connected_member_stays_present_past_the_lease_while_their_instance_renews_it()
    {
        var (match, roomId) = await fixture.MatchedAsync();
        await using var worker = await ConnectAsync(fixture.Service, match.WorkerId);
        await worker.JoinAsync(roomId);

        await Task.Delay(TimeSpan.FromSeconds(5)); // two and a half leases

        Assert.Contains(match.WorkerId, await PresenceAsync(roomId));
    }

    [Fact]
    public async Task A_member_left_behind_by_a_crashed_instance_is_notified_again_once_the_lease_runs_out()
    {
        var (match, roomId) = await fixture.MatchedAsync();
        using var employer = fixture.ClientOf(match.EmployerId, UserRole.Employer);
        // What an instance that died with the worker's connection leaves in Redis: a lease nobody renews.
        var redis = fixture.Service.Services.GetRequiredService<StackExchange.Redis.IConnectionMultiplexer>().GetDatabase();
        await redis.SortedSetAddAsync($"chat:presence:{roomId:N}", $"{match.WorkerId:N}|crashed-connection",
            DateTimeOffset.UtcNow.AddSeconds(1).ToUnixTimeMilliseconds());
        var whilePresent = await SendAsync(employer, roomId, "보고 계신가요?");

        await Eventually.TrueAsync(async () => !(await PresenceAsync(roomId)).Contains(match.WorkerId), what: "the unrenewed lease running out");
        var afterLease = await SendAsync(employer, roomId, "알림으로 다시 보내요.");

        Assert.Empty(RecipientsOf(await PublishedAsync(whilePresent.Id)));
        Assert.Equal([match.WorkerId], RecipientsOf(await PublishedAsync(afterLease.Id)));
    }

    private Task<IReadOnlyList<Guid>> PresenceAsync(Guid roomId) =>
        fixture.Service.Services.GetRequiredService<OneDay.Chat.Realtime.PresenceRegistry>().OnlineAsync(roomId);

    private async Task<ProbedEvent> PublishedAsync(Guid messageId) =>
        (await fixture.Probe.WaitForAsync(events => events.Any(e => e.Data.GetProperty("messageId").GetGuid() == messageId)))
            .Single(e => e.Data.GetProperty("messageId").GetGuid() == messageId);

    private static List<Guid> RecipientsOf(ProbedEvent published) =>
        published.Data.GetProperty("recipientIds").EnumerateArray().Select(e => e.GetGuid()).ToList();

    [Fact]
    public async Task Someone_outside_the_room_cannot_join_it_send_to_it_or_hear_it()
    {
        var (match, roomId) = await fixture.MatchedAsync();
        await using var member = await ConnectAsync(fixture.Service, match.WorkerId);
        await using var outsider = await ConnectAsync(fixture.Service, Guid.NewGuid());
        await member.JoinAsync(roomId);

        await Assert.ThrowsAsync<HubException>(() => outsider.JoinAsync(roomId));
        await Assert.ThrowsAsync<HubException>(() => outsider.SendAsync(roomId, "끼어들기"));
        await Assert.ThrowsAsync<HubException>(() => outsider.Connection.InvokeAsync("Typing", roomId));
        await member.SendAsync(roomId, "우리끼리 얘기");

        await NextAsync(member.Messages);
        Assert.True(await StaysEmptyAsync(outsider.Messages, Quiet));
        Assert.Equal(1, await fixture.QueryAsync(db => db.Messages.CountAsync(m => m.RoomId == roomId)));
    }

    [Fact]
    public async Task A_connection_without_a_valid_token_is_refused()
    {
        var match = NewMatch();
        await Assert.ThrowsAsync<HttpRequestException>(() => ConnectAsync(fixture.Service.BaseAddress, TestTokens.SignedByAnotherKey(match.WorkerId, UserRole.Worker)));
        await Assert.ThrowsAsync<HttpRequestException>(() => ConnectAsync(fixture.Service.BaseAddress, TestTokens.WithoutSignature(match.WorkerId, UserRole.Worker)));
    }

    [Fact]
    public async Task The_token_may_come_in_the_query_string_on_the_hub_but_nowhere_else()
    {
        var (match, roomId) = await fixture.MatchedAsync();
        var token = TestTokens.For(match.WorkerId, UserRole.Worker);

        await using var browser = await ConnectAsync(fixture.Service.BaseAddress, token, tokenInQueryString: true);
        using var anonymous = fixture.Service.CreateClient();
        using var rest = await anonymous.GetAsync(new Uri($"/chat/rooms?access_token={token}", UriKind.Relative));

        Assert.Equal(roomId, (await browser.JoinAsync(roomId)).RoomId);
        Assert.Equal(HttpStatusCode.Unauthorized, rest.StatusCode);
    }

    [Fact]
    public async Task Members_see_each_other_join_and_leave_once_per_user_whatever_their_devices_and_who_is_online()
    {
        var (match, roomId) = await fixture.MatchedAsync();
        await using var employer = await ConnectAsync(fixture.Service, match.EmployerId, UserRole.Employer);
        Assert.Equal([match.EmployerId], (await employer.JoinAsync(roomId)).OnlineUserIds);

        var worker = await ConnectAsync(fixture.Replica, match.WorkerId);
        var presence = await worker.JoinAsync(roomId);

        Assert.Equal(new[] { match.EmployerId, match.WorkerId }.Order(), presence.OnlineUserIds.Order());
        Assert.Equal(match.WorkerId, (await NextAsync(employer.Joined)).UserId);
        Assert.True(await StaysEmptyAsync(worker.Joined, Quiet));

        await using (var secondDevice = await ConnectAsync(fixture.Service, match.WorkerId))
        {
            await secondDevice.JoinAsync(roomId);
        }
        Assert.True(await StaysEmptyAsync(employer.Joined, Quiet));
        Assert.True(await StaysEmptyAsync(employer.Left, TimeSpan.Zero));

        await worker.DisposeAsync();

        var left = await NextAsync(employer.Left);
        Assert.Equal((roomId, match.WorkerId), (left.RoomId, left.UserId));
        Assert.Equal([match.EmployerId], (await employer.JoinAsync(roomId)).OnlineUserIds);
    }

    [Fact]
    public async Task Typing_reaches_the_others_at_most_once_per_interval_and_only_after_joining()
    {
        var (match, roomId) = await fixture.MatchedAsync();
        await using var employer = await ConnectAsync(fixture.Service, match.EmployerId, UserRole.Employer);
        await using var worker = await ConnectAsync(fixture.Service, match.WorkerId);
        await employer.JoinAsync(roomId);

        await Assert.ThrowsAsync<HubException>(() => worker.Connection.InvokeAsync("Typing", roomId));
        await worker.JoinAsync(roomId);
        for (var i = 0; i < 5; i++) await worker.Connection.InvokeAsync("Typing", roomId);

        var typing = await NextAsync(employer.Typing);
        Assert.Equal((roomId, match.WorkerId), (typing.RoomId, typing.UserId));
        Assert.True(await StaysEmptyAsync(employer.Typing, Quiet));
        Assert.False(worker.Typing.Reader.TryRead(out _));
        // Polled at a keystroke's pace, within the connection's call budget.
        await Eventually.TrueAsync(async () =>
        {
            await worker.Connection.InvokeAsync("Typing", roomId);
            return employer.Typing.Reader.TryRead(out _);
        }, what: "a second typing indicator after the interval", interval: TimeSpan.FromMilliseconds(150));
    }

    [Fact]
    public async Task A_resent_client_message_id_is_stored_and_broadcast_once()
    {
        var (match, roomId) = await fixture.MatchedAsync();
        await using var employer = await ConnectAsync(fixture.Service, match.EmployerId, UserRole.Employer);
        await using var worker = await ConnectAsync(fixture.Service, match.WorkerId);
        await employer.JoinAsync(roomId);
        var clientMessageId = Guid.NewGuid();

        var first = await worker.SendAsync(roomId, "도착했어요", clientMessageId);
        var again = await worker.SendAsync(roomId, "도착했어요", clientMessageId);

        Assert.Equal(first.Id, again.Id);
        Assert.Equal(first.Id, (await NextAsync(employer.Messages)).Id);
        Assert.True(await StaysEmptyAsync(employer.Messages, Quiet));
        Assert.Equal(1, await fixture.QueryAsync(db => db.Messages.CountAsync(m => m.RoomId == roomId)));
    }

    [Fact]
    public async Task A_client_on_one_instance_receives_what_is_sent_through_the_other()
    {
        var (match, roomId) = await fixture.MatchedAsync();
        await using var onReplica = await ConnectAsync(fixture.Replica, match.EmployerId, UserRole.Employer);
        await using var onService = await ConnectAsync(fixture.Service, match.WorkerId);
        await onReplica.JoinAsync(roomId);
        await onService.JoinAsync(roomId);

        var viaHub = await onService.SendAsync(roomId, "허브로 보낸 메시지");
        using var rest = ClientOf(fixture.Service, match.WorkerId);
        var viaRest = await SendAsync(rest, roomId, "REST로 보낸 메시지");

        Assert.Equal(viaHub.Id, (await NextAsync(onReplica.Messages)).Id);
        Assert.Equal(viaRest.Id, (await NextAsync(onReplica.Messages)).Id);

        using var reader = ClientOf(fixture.Replica, match.EmployerId, UserRole.Employer);
        using var read = await reader.PostAsync(new Uri($"/chat/rooms/{roomId}/read", UriKind.Relative),
            System.Net.Http.Json.JsonContent.Create(new ReadReceiptRequest(viaRest.Id), options: ContractJson.Options));
        Assert.Equal(HttpStatusCode.NoContent, read.StatusCode);
        var receipt = await NextAsync(onService.Reads);
        Assert.Equal((roomId, match.EmployerId, viaRest.Id), (receipt.RoomId, receipt.UserId, receipt.MessageId));
    }

    [Fact]
    public async Task A_closed_room_refuses_messages_on_the_hub_too()
    {
        var (match, roomId) = await fixture.MatchedAsync(startsAt: DateTimeOffset.UtcNow.AddDays(-30));
        await using var worker = await ConnectAsync(fixture.Service, match.WorkerId);
        await worker.JoinAsync(roomId);

        var refused = await Assert.ThrowsAsync<HubException>(() => worker.SendAsync(roomId, "늦은 인사"));

        Assert.Contains("대화 기간", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, await fixture.QueryAsync(db => db.Messages.CountAsync(m => m.RoomId == roomId)));
    }
}
