using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using OneDay.Chat.Messages;
using OneDay.Chat.Rooms;
using OneDay.Contracts;
using OneDay.Contracts.Jobs;
using OneDay.Testing;
using static OneDay.Chat.Tests.ChatFixture;
using static OneDay.Chat.Tests.HubClient;

namespace OneDay.Chat.Tests;

/// <summary>A match undone (application-cancelled after job-matched) takes its rooms away from whoever it no longer concerns, on REST and on the hub.</summary>
[Collection(ChatCollection.Name)]
public sealed class UndoneMatchTests(ChatFixture fixture)
{
    private static ApplicationCancelled CancelledByWorker(JobMatched match) =>
        Stamped(new ApplicationCancelled(match.ApplicationId, match.JobId, match.WorkerId, match.EmployerId, match.JobTitle, match.WorkerId, "worker-cancelled"));

    [Fact]
    public async Task A_worker_who_cancels_after_the_match_can_no_longer_read_post_or_join_the_jobs_rooms()
    {
        var (match, directRoomId) = await fixture.MatchedAsync();
        using var workerRest = fixture.ClientOf(match.WorkerId);
        var groupRoomId = (await RoomsAsync(workerRest)).Single(r => r.Kind == RoomKind.Group).Id;
        await using var employer = await ConnectAsync(fixture.Service, match.EmployerId, UserRole.Employer);
        await using var worker = await ConnectAsync(fixture.Replica, match.WorkerId);
        await employer.JoinAsync(groupRoomId);
        await worker.JoinAsync(groupRoomId);
        await worker.JoinAsync(directRoomId);

        await fixture.PublishAsync(CancelledByWorker(match));

        // The worker's open connection, on the other instance, leaves the group room: the employer sees it go.
        var left = await NextAsync(employer.Left);
        Assert.Equal((groupRoomId, match.WorkerId), (left.RoomId, left.UserId));
        await employer.SendAsync(groupRoomId, "내일 뵙겠습니다");
        Assert.Equal(groupRoomId, (await NextAsync(employer.Messages)).RoomId);
        Assert.True(await StaysEmptyAsync(worker.Messages, TimeSpan.FromMilliseconds(500)));
        await Assert.ThrowsAsync<HubException>(() => worker.Connection.InvokeAsync("Typing", groupRoomId));
        await Assert.ThrowsAsync<HubException>(() => worker.JoinAsync(groupRoomId));
        await Assert.ThrowsAsync<HubException>(() => worker.JoinAsync(directRoomId));
        await Assert.ThrowsAsync<HubException>(() => worker.SendAsync(directRoomId, "아직 있나요?"));

        Assert.Empty(await RoomsAsync(workerRest));
        foreach (var roomId in new[] { directRoomId, groupRoomId })
        {
            using var read = await workerRest.GetAsync(new Uri($"/chat/rooms/{roomId}/messages", UriKind.Relative));
            using var post = await workerRest.PostAsJsonAsync($"/chat/rooms/{roomId}/messages", new SendMessageRequest(Guid.NewGuid(), "안녕하세요"), ContractJson.Options);
            Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        }
    }

    [Fact]
    public async Task The_employer_loses_the_direct_room_of_an_undone_match_and_keeps_the_group_room()
    {
        var (match, directRoomId) = await fixture.MatchedAsync();
        await using var employer = await ConnectAsync(fixture.Replica, match.EmployerId, UserRole.Employer);
        await employer.JoinAsync(directRoomId);

        await fixture.PublishAsync(CancelledByWorker(match));

        using var employerRest = fixture.ClientOf(match.EmployerId, UserRole.Employer);
        var rooms = await RoomsAsync(employerRest);
        Assert.Equal(RoomKind.Group, Assert.Single(rooms).Kind);
        using var read = await employerRest.GetAsync(new Uri($"/chat/rooms/{directRoomId}/messages", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        await Assert.ThrowsAsync<HubException>(() => employer.SendAsync(directRoomId, "취소하셨군요"));
        await Assert.ThrowsAsync<HubException>(() => employer.JoinAsync(directRoomId));
    }

    [Fact]
    public async Task A_cancellation_delivered_before_its_match_leaves_no_room_open()
    {
        var match = NewMatch();

        await fixture.PublishAsync(CancelledByWorker(match));
        await fixture.PublishAsync(match);

        using var worker = fixture.ClientOf(match.WorkerId);
        using var employer = fixture.ClientOf(match.EmployerId, UserRole.Employer);
        Assert.Empty(await RoomsAsync(worker));
        Assert.Empty(await RoomsAsync(employer));
    }

    [Fact]
    public async Task A_worker_still_matched_for_the_job_keeps_its_group_room_when_another_of_their_matches_is_undone()
    {
        var first = NewMatch();
        var again = Stamped(first with { ApplicationId = Guid.NewGuid() });
        await fixture.PublishAsync(first);
        await fixture.PublishAsync(again);

        await fixture.PublishAsync(CancelledByWorker(first));

        using var worker = fixture.ClientOf(first.WorkerId);
        var rooms = await RoomsAsync(worker);
        Assert.Equal(
            new[] { (RoomKind.Direct, (Guid?)again.ApplicationId), (RoomKind.Group, null) }.Order(),
            rooms.Select(r => (r.Kind, r.ApplicationId)).Order());
    }
}
