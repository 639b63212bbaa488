using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using OneDay.Chat.Messages;
using OneDay.Chat.Participants;
using OneDay.Contracts;
using OneDay.Contracts.Users;
using static OneDay.Chat.Tests.ChatFixture;

namespace OneDay.Chat.Tests;

/// <summary>Sending and reading history over REST: members only, clean text, idempotent, paged, published, limited.</summary>
[Collection(ChatCollection.Name)]
public sealed class MessageTests(ChatFixture fixture)
{
    private Task<int> StoredInAsync(Guid roomId) => fixture.QueryAsync(db => db.Messages.CountAsync(m => m.RoomId == roomId));

    [Fact]
    public async Task Someone_outside_the_room_gets_404_on_every_endpoint_and_changes_nothing()
    {
        var (match, roomId) = await fixture.MatchedAsync();
        using var member = fixture.ClientOf(match.WorkerId);
        var message = await SendAsync(member, roomId, "안녕하세요");
        using var outsider = fixture.ClientOf(Guid.NewGuid(), UserRole.Employer);

        using var list = await outsider.GetAsync(new Uri($"/chat/rooms/{roomId}/messages", UriKind.Relative));
        using var send = await outsider.PostAsJsonAsync($"/chat/rooms/{roomId}/messages", new SendMessageRequest(Guid.NewGuid(), "끼어들기"));
        using var read = await outsider.PostAsJsonAsync($"/chat/rooms/{roomId}/read", new ReadReceiptRequest(message.Id));
        using var anonymous = fixture.Service.CreateClient();
        using var unauthenticated = await anonymous.GetAsync(new Uri($"/chat/rooms/{roomId}/messages", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, list.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, send.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
        Assert.Empty(await RoomsAsync(outsider));
        Assert.Equal(1, await StoredInAsync(roomId));
    }

    [Fact]
    public async Task Text_is_trimmed_and_stripped_of_control_characters()
    {
        var (match, roomId) = await fixture.MatchedAsync();
        using var worker = fixture.ClientOf(match.WorkerId);

        var message = await SendAsync(worker, roomId, "  도착했습니다\u0007\r\n정문 앞이에요\u001b  ");

        Assert.Equal("도착했습니다\n정문 앞이에요", message.Text);
        Assert.Equal("도착했습니다\n정문 앞이에요", (await PageAsync(worker, roomId)).Messages.Single().Text);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \u0001\t ")]
    [InlineData("도착\u0000했습니다")]
    [InlineData(null)]
    public async Task Empty_text_is_refused_and_nothing_is_stored(string? text)
    {
        var (match, roomId) = await fixture.MatchedAsync();
        using var worker = fixture.ClientOf(match.WorkerId);

        using var response = await worker.PostAsJsonAsync($"/chat/rooms/{roomId}/messages", new SendMessageRequest(Guid.NewGuid(), text));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await StoredInAsync(roomId));
    }

    [Fact]
    public async Task Text_over_2000_characters_and_a_missing_client_message_id_are_refused()
    {
        var (match, roomId) = await fixture.MatchedAsync();
        using var worker = fixture.ClientOf(match.WorkerId);

        using var tooLong = await worker.PostAsJsonAsync($"/chat/rooms/{roomId}/messages", new SendMessageRequest(Guid.NewGuid(), new string('가', 2001)));
        using var noClientId = await worker.PostAsJsonAsync($"/chat/rooms/{roomId}/messages", new SendMessageRequest(Guid.Empty, "안녕하세요"));
        using var malformed = await worker.PostAsync(new Uri($"/chat/rooms/{roomId}/messages", UriKind.Relative), new StringContent("{\"clientMessageId\":\"x\"", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noClientId.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(0, await StoredInAsync(roomId));
        Assert.Equal(new string('가', 2000), (await SendAsync(worker, roomId, new string('가', 2000))).Text);
    }

    [Fact]
    public async Task A_resent_client_message_id_returns_the_stored_message_and_stores_it_once()
    {
        var (match, roomId) = await fixture.MatchedAsync();
        using var worker = fixture.ClientOf(match.WorkerId);
        var clientMessageId = Guid.NewGuid();

        var first = await SendAsync(worker, roomId, "지금 출발합니다", clientMessageId);
        using var again = await worker.PostAsJsonAsync($"/chat/rooms/{roomId}/messages", new SendMessageRequest(clientMessageId, "지금 출발합니다"));
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 5).Select(async _ =>
        {
            using var response = await worker.PostAsJsonAsync($"/chat/rooms/{roomId}/messages", new SendMessageRequest(clientMessageId, "지금 출발합니다"));
            return response.StatusCode;
        }));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(first.Id, (await again.Content.ReadFromJsonAsync<MessageView>(ContractJson.Options))!.Id);
        Assert.All(concurrent, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(1, await StoredInAsync(roomId));
    }

    [Fact]
    public async Task A_sent_message_is_published_for_the_other_members()
    {
        var (match, roomId) = await fixture.MatchedAsync();
        using var employer = fixture.ClientOf(match.EmployerId, UserRole.Employer);

        var message = await SendAsync(employer, roomId, "근무지 주소를 다시 보내 드릴게요.");

        var published = (await fixture.Probe.WaitForAsync(events => events.Any(e => e.Data.GetProperty("messageId").GetGuid() == message.Id)))
            .Single(e => e.Data.GetProperty("messageId").GetGuid() == message.Id);
        Assert.Equal(roomId, published.Data.GetProperty("roomId").GetGuid());
        Assert.Equal(match.EmployerId, published.Data.GetProperty("senderId").GetGuid());
        Assert.Equal([match.WorkerId], published.Data.GetProperty("recipientIds").EnumerateArray().Select(e => e.GetGuid()));
        Assert.Equal("근무지 주소를 다시 보내 드릴게요.", published.Data.GetProperty("preview").GetString());
    }

    [Fact]
    public async Task Paging_back_through_history_returns_every_message_once_while_new_ones_arrive()
    {
        var (match, roomId) = await fixture.MatchedAsync();
        using var employer = fixture.ClientOf(match.EmployerId, UserRole.Employer);
        using var worker = fixture.ClientOf(match.WorkerId);
        var sent = new List<Guid>();
        for (var i = 0; i < 12; i++) sent.Add((await SendAsync(i % 2 == 0 ? employer : worker, roomId, $"메시지 {i}")).Id);

        var seen = new List<Guid>();
        var page = await PageAsync(worker, roomId, "?limit=5");
        var newest = page.Messages[0].Id;
        while (true)
        {
            seen.AddRange(page.Messages.Select(m => m.Id));
            sent.Add((await SendAsync(employer, roomId, $"새 메시지 {sent.Count}")).Id);
            if (!page.HasMore) break;
            page = await PageAsync(worker, roomId, $"?limit=5&before={page.Messages[^1].Id}");
        }
        var caughtUp = await PageAsync(worker, roomId, $"?limit=2&after={newest}");
        while (true)
        {
            seen.AddRange(caughtUp.Messages.Select(m => m.Id));
            if (!caughtUp.HasMore) break;
            caughtUp = await PageAsync(worker, roomId, $"?limit=2&after={caughtUp.Messages[0].Id}");
        }

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(sent.Order(), seen.Order());
        Assert.Equal(sent.Take(12).Reverse().Take(5), (await PageAsync(worker, roomId, $"?before={sent[12]}&limit=5")).Messages.Select(m => m.Id));
    }

    [Fact]
    public async Task A_reader_catching_up_after_its_newest_message_misses_none_sent_concurrently_through_both_instances()
    {
        var (match, roomId) = await fixture.MatchedAsync();
        using var employer = ClientOf(fixture.Service, match.EmployerId, UserRole.Employer);
        using var worker = ClientOf(fixture.Replica, match.WorkerId);
        var seed = await SendAsync(employer, roomId, "시작");

        var senders = Task.WhenAll(Enumerable.Range(0, 20).Select(i => SendAsync(i % 2 == 0 ? employer : worker, roomId, $"동시 메시지 {i}")));
        var seen = new List<Guid>();
        var newest = seed.Id;
        while (true)
        {
            var allCommitted = senders.IsCompleted;
            var page = await PageAsync(worker, roomId, $"?limit=3&after={newest}");
            seen.AddRange(page.Messages.Select(m => m.Id).Reverse());
            if (page.Messages.Count > 0) newest = page.Messages[0].Id;
            if (allCommitted && !page.HasMore) break;
        }

        var sent = await senders;
        Assert.Equal(sent.Select(m => m.Id).Order(), seen.Order());
        Assert.Equal(seen.Order(), seen);
    }

    [Fact]
    public async Task Bad_paging_parameters_are_refused()
    {
        var (match, roomId) = await fixture.MatchedAsync();
        using var worker = fixture.ClientOf(match.WorkerId);

        foreach (var query in new[] { $"?before={Guid.NewGuid()}&after={Guid.NewGuid()}", "?limit=0", "?limit=101", "?before=not-a-guid" })
        {
            using var response = await worker.GetAsync(new Uri($"/chat/rooms/{roomId}/messages{query}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
    }

    [Fact]
    public async Task A_read_receipt_must_name_a_message_of_the_room_and_never_moves_back()
    {
        var (match, roomId) = await fixture.MatchedAsync();
        var (otherMatch, otherRoomId) = await fixture.MatchedAsync();
        using var otherWorker = fixture.ClientOf(otherMatch.WorkerId);
        var elsewhere = await SendAsync(otherWorker, otherRoomId, "다른 방");
        using var worker = fixture.ClientOf(match.WorkerId);
        using var employer = fixture.ClientOf(match.EmployerId, UserRole.Employer);
        var first = await SendAsync(employer, roomId, "첫 번째");
        var second = await SendAsync(employer, roomId, "두 번째");

        using var foreign = await worker.PostAsJsonAsync($"/chat/rooms/{roomId}/read", new ReadReceiptRequest(elsewhere.Id));
        using var unknown = await worker.PostAsJsonAsync($"/chat/rooms/{roomId}/read", new ReadReceiptRequest(Guid.NewGuid()));
        using var upToSecond = await worker.PostAsJsonAsync($"/chat/rooms/{roomId}/read", new ReadReceiptRequest(second.Id));
        using var backToFirst = await worker.PostAsJsonAsync($"/chat/rooms/{roomId}/read", new ReadReceiptRequest(first.Id));

        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, upToSecond.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, backToFirst.StatusCode);
        Assert.Equal(0, Assert.Single(await RoomsAsync(worker), r => r.Id == roomId).UnreadCount);
    }

    [Fact]
    public async Task A_room_closed_some_days_after_the_work_refuses_messages_but_keeps_its_history_readable()
    {
        var (match, roomId) = await fixture.MatchedAsync(startsAt: DateTimeOffset.UtcNow.AddDays(-4));
        using var worker = fixture.ClientOf(match.WorkerId);

        using var response = await worker.PostAsJsonAsync($"/chat/rooms/{roomId}/messages", new SendMessageRequest(Guid.NewGuid(), "아직 열려 있나요?"));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(0, await StoredInAsync(roomId));
        Assert.True(Assert.Single(await RoomsAsync(worker), r => r.Id == roomId).IsClosed);
        Assert.Empty((await PageAsync(worker, roomId)).Messages);
    }

    [Fact]
    public async Task A_room_stays_open_for_days_counted_from_when_the_work_ended_not_when_it_started()
    {
        // An overnight shift that started three and a half days ago and ended 22 hours later: three days after its end have not passed.
        var (match, roomId) = await fixture.MatchedAsync(startsAt: DateTimeOffset.UtcNow.AddDays(-3.5), lasts: TimeSpan.FromHours(22));
        using var worker = fixture.ClientOf(match.WorkerId);

        await SendAsync(worker, roomId, "정산 관련해서 여쭤볼게요");

        var room = Assert.Single(await RoomsAsync(worker), r => r.Id == roomId);
        Assert.False(room.IsClosed);
        Assert.Equal(match.EndsAt.AddDays(3), room.ClosesAt, TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task A_user_sending_too_fast_gets_429_with_retry_after()
    {
        var (match, roomId) = await fixture.MatchedAsync();
        using var worker = fixture.ClientOf(match.WorkerId);
        for (var i = 0; i < MessagesPerWindow; i++) await SendAsync(worker, roomId, $"메시지 {i}");

        using var response = await worker.PostAsJsonAsync($"/chat/rooms/{roomId}/messages", new SendMessageRequest(Guid.NewGuid(), "하나 더"));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(MessagesPerWindow, await StoredInAsync(roomId));
    }

    [Fact]
    public async Task Senders_are_named_from_the_directory_and_a_deleted_user_is_anonymous_in_history()
    {
        var (match, roomId) = await fixture.MatchedAsync();
        await fixture.PublishAsync(Stamped(new UserCreated(match.WorkerId, "worker@oneday.kr", "김민수", UserRole.Worker)));
        await fixture.PublishAsync(Stamped(new UserUpdated(match.WorkerId, "김민준", null)));
        using var worker = fixture.ClientOf(match.WorkerId);
        using var employer = fixture.ClientOf(match.EmployerId, UserRole.Employer);
        var sent = await SendAsync(worker, roomId, "잘 부탁드립니다.");
        Assert.Equal("김민준", sent.SenderName);

        await fixture.PublishAsync(Stamped(new UserDeleted(match.WorkerId)));
        await fixture.PublishAsync(Stamped(new UserUpdated(match.WorkerId, "되살아난 이름", null)));

        var history = await PageAsync(employer, roomId);
        Assert.Equal(Participant.DeletedName, Assert.Single(history.Messages).SenderName);
        Assert.Equal("잘 부탁드립니다.", history.Messages[0].Text);
        Assert.Equal(Participant.DeletedName, Assert.Single(await RoomsAsync(employer), r => r.Id == roomId).Members.Single(m => m.UserId == match.WorkerId).DisplayName);
    }
}
