using System.Diagnostics;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using OneDay.Contracts;
using OneDay.Contracts.Users;
using OneDay.Realtime;
using static OneDay.Chat.Tests.ChatFixture;
using static OneDay.Chat.Tests.HubClient;

namespace OneDay.Chat.Tests;

/// <summary>A hub connection lasts no longer than the right to it: the token's lifetime, the account's standing; and its calls are budgeted.</summary>
[Collection(ChatCollection.Name)]
public sealed class HubSessionTests(ChatFixture fixture)
{
    private static readonly TimeSpan CloseWithin = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_connection_is_closed_when_its_access_token_expires()
    {
        var (match, roomId) = await fixture.MatchedAsync();
        await using var shortLived = await ConnectAsync(fixture.Service, match.WorkerId, tokenLifetime: TimeSpan.FromSeconds(3));
        await using var longLived = await ConnectAsync(fixture.Service, match.EmployerId, UserRole.Employer);
        await shortLived.JoinAsync(roomId);

        await shortLived.Closed.WaitAsync(CloseWithin);

        Assert.Equal(HubConnectionState.Disconnected, shortLived.Connection.State);
        Assert.Equal(roomId, (await longLived.JoinAsync(roomId)).RoomId);
    }

    [Fact]
    public async Task Suspending_an_account_closes_its_connections_on_every_instance_and_no_one_elses()
    {
        var (match, roomId) = await fixture.MatchedAsync();
        await using var onService = await ConnectAsync(fixture.Service, match.WorkerId);
        await using var onReplica = await ConnectAsync(fixture.Replica, match.WorkerId);
        await using var employer = await ConnectAsync(fixture.Replica, match.EmployerId, UserRole.Employer);
        await onService.JoinAsync(roomId);

        await fixture.PublishAsync(Stamped(new UserSuspended(match.WorkerId)));

        await Task.WhenAll(onService.Closed, onReplica.Closed).WaitAsync(CloseWithin);
        Assert.Equal(HubConnectionState.Connected, employer.Connection.State);
        Assert.Equal(roomId, (await employer.JoinAsync(roomId)).RoomId);
    }

    [Fact]
    public async Task Deleting_an_account_closes_its_connections()
    {
        var (match, _) = await fixture.MatchedAsync();
        await using var worker = await ConnectAsync(fixture.Replica, match.WorkerId);

        await fixture.PublishAsync(Stamped(new UserDeleted(match.WorkerId)));

        await worker.Closed.WaitAsync(CloseWithin);
    }

    [Fact]
    public async Task Two_hundred_JoinRoom_calls_at_once_run_no_more_than_the_burst_and_the_rest_are_refused_without_closing_the_connection()
    {
        var (match, roomId) = await fixture.MatchedAsync();
        await using var worker = await ConnectAsync(fixture.Service, match.WorkerId);

        var clock = Stopwatch.StartNew();
        var calls = Enumerable.Range(0, 200).Select(_ => worker.JoinAsync(roomId)).ToList();
        await Task.WhenAll(calls).ContinueWith(_ => { }, TaskScheduler.Default);
        // The bucket refills while the calls arrive: at most the burst plus what the time they took earned.
        var refilled = (int)Math.Ceiling(clock.Elapsed.TotalSeconds * ThrottledPerSecond);

        var joined = calls.Count(c => c.IsCompletedSuccessfully);
        var refused = calls.Where(c => c.IsFaulted).Select(c => c.Exception!.InnerException).ToList();
        Assert.InRange(joined, 1, ThrottledBurst + refilled);
        Assert.True(joined < 200 / 2, $"{joined} of 200 calls ran");
        Assert.Equal(200 - joined, refused.Count);
        Assert.All(refused, e => Assert.Equal(HubCallThrottle.TooOften, Assert.IsType<HubException>(e).Message.Split(": ")[^1]));
        Assert.Equal(HubConnectionState.Connected, worker.Connection.State);
        // Sending a message has its own limit: an exhausted call budget does not stop it.
        Assert.Equal(roomId, (await worker.SendAsync(roomId, "다 들어왔어요")).RoomId);
    }
}
