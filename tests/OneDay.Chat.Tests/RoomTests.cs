using Microsoft.EntityFrameworkCore;
using OneDay.Chat.Rooms;
using OneDay.Contracts;
using OneDay.Contracts.Jobs;
using static OneDay.Chat.Tests.ChatFixture;

namespace OneDay.Chat.Tests;

/// <summary>Rooms open from job-matched: one direct room per match, one group room per job, however often the event comes.</summary>
[Collection(ChatCollection.Name)]
public sealed class RoomTests(ChatFixture fixture)
{
    [Fact]
    public async Task Job_matched_opens_a_direct_room_and_the_jobs_group_room()
    {
        var (match, roomId) = await fixture.MatchedAsync();

        using var worker = fixture.ClientOf(match.WorkerId);
        var rooms = await RoomsAsync(worker);

        Assert.Equal(2, rooms.Count);
        var direct = Assert.Single(rooms, r => r.Kind == RoomKind.Direct);
        Assert.Equal(roomId, direct.Id);
        Assert.Equal(match.ApplicationId, direct.ApplicationId);
        Assert.Equal("물류센터 상하차", direct.Title);
        Assert.Equal(new[] { match.EmployerId, match.WorkerId }.Order(), direct.Members.Select(m => m.UserId).Order());
        var group = Assert.Single(rooms, r => r.Kind == RoomKind.Group);
        Assert.Equal(match.JobId, group.JobId);
        Assert.False(direct.IsClosed);
        Assert.Null(direct.LastMessage);
    }

    [Fact]
    public async Task A_redelivered_or_republished_match_opens_no_second_room()
    {
        var match = NewMatch();

        await fixture.PublishAsync(match);
        await fixture.PublishAsync(match);
        await fixture.PublishAsync(Stamped(match));

        Assert.Equal(1, await fixture.QueryAsync(db => db.Rooms.CountAsync(r => r.ApplicationId == match.ApplicationId)));
        Assert.Equal(1, await fixture.QueryAsync(db => db.Rooms.CountAsync(r => r.JobId == match.JobId && r.Kind == RoomKind.Group)));
        Assert.Equal(2, await fixture.QueryAsync(db => db.Members.CountAsync(m => db.Rooms.Any(r => r.Id == m.RoomId && r.JobId == match.JobId && r.Kind == RoomKind.Group))));
    }

    [Fact]
    public async Task Every_worker_matched_for_a_job_meets_in_its_group_room_but_not_in_each_others_direct_rooms()
    {
        var first = NewMatch();
        var second = NewMatch(jobId: first.JobId, employerId: first.EmployerId);

        await fixture.PublishAsync(first);
        await fixture.PublishAsync(second);

        using var employer = fixture.ClientOf(first.EmployerId, UserRole.Employer);
        using var secondWorker = fixture.ClientOf(second.WorkerId);
        var employerRooms = await RoomsAsync(employer);
        var secondWorkerRooms = await RoomsAsync(secondWorker);
        Assert.Equal(3, employerRooms.Count);
        var group = Assert.Single(employerRooms, r => r.Kind == RoomKind.Group);
        Assert.Equal(new[] { first.EmployerId, first.WorkerId, second.WorkerId }.Order(), group.Members.Select(m => m.UserId).Order());
        Assert.Equal(2, secondWorkerRooms.Count);
        Assert.DoesNotContain(secondWorkerRooms, r => r.ApplicationId == first.ApplicationId);
    }

    [Fact]
    public async Task The_room_list_shows_the_last_message_and_what_the_caller_has_not_read()
    {
        var (match, roomId) = await fixture.MatchedAsync();
        using var employer = fixture.ClientOf(match.EmployerId, UserRole.Employer);
        using var worker = fixture.ClientOf(match.WorkerId);

        var first = await SendAsync(employer, roomId, "내일 8시까지 와 주세요.");
        await SendAsync(employer, roomId, "작업복은 준비되어 있어요.");
        var answer = await SendAsync(worker, roomId, "네, 알겠습니다.");

        var workerRoom = Assert.Single(await RoomsAsync(worker), r => r.Id == roomId);
        Assert.Equal(2, workerRoom.UnreadCount);
        Assert.Equal(answer.Id, workerRoom.LastMessage!.Id);
        Assert.Equal(roomId, (await RoomsAsync(worker))[0].Id);

        using var read = await worker.PostAsync(new Uri($"/chat/rooms/{roomId}/read", UriKind.Relative), System.Net.Http.Json.JsonContent.Create(new { messageId = first.Id }));
        Assert.Equal(System.Net.HttpStatusCode.NoContent, read.StatusCode);
        Assert.Equal(1, Assert.Single(await RoomsAsync(worker), r => r.Id == roomId).UnreadCount);
        Assert.Equal(1, Assert.Single(await RoomsAsync(employer), r => r.Id == roomId).UnreadCount);
    }

    [Fact]
    public async Task The_room_list_pages_by_recent_activity_and_a_new_message_brings_a_room_to_the_top()
    {
        var employerId = Guid.NewGuid();
        var matches = new List<JobMatched>();
        for (var i = 0; i < 4; i++)
        {
            matches.Add(NewMatch(employerId: employerId));
            await fixture.PublishAsync(matches[^1]);
        }
        using var employer = fixture.ClientOf(employerId, UserRole.Employer);

        var seen = new List<Guid>();
        var page = await RoomPageAsync(employer, "?limit=3");
        while (true)
        {
            Assert.InRange(page.Rooms.Count, 1, 3);
            seen.AddRange(page.Rooms.Select(r => r.Id));
            if (page.NextCursor is null) break;
            page = await RoomPageAsync(employer, $"?limit=3&cursor={page.NextCursor}");
        }
        Assert.Equal(8, seen.Count);
        Assert.Equal(8, seen.Distinct().Count());

        var oldest = await fixture.DirectRoomOfAsync(matches[0].ApplicationId);
        await SendAsync(employer, oldest, "내일 뵙겠습니다.");
        Assert.Equal(oldest, (await RoomPageAsync(employer, "?limit=1")).Rooms.Single().Id);
    }

    [Theory]
    [InlineData("?cursor=not-a-cursor")]
    [InlineData("?cursor=AAAA")]
    [InlineData("?limit=0")]
    [InlineData("?limit=101")]
    public async Task A_bad_cursor_or_limit_is_refused(string query)
    {
        using var worker = fixture.ClientOf(Guid.NewGuid());

        using var response = await worker.GetAsync(new Uri($"/chat/rooms{query}", UriKind.Relative));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
    }
}
