using System.Net;
using System.Text;
using OneDay.Contracts;
using OneDay.Contracts.Users;

namespace OneDay.BuildingBlocks.Tests;

/// <summary>
/// The inbox: an event handled once per EventId however often, and however concurrently, Dapr delivers
/// it. Deliveries are posted as daprd posts them: a CloudEvent to the subscription's route.
/// </summary>
public sealed class InboxTests(SampleServiceFixture fixture) : IClassFixture<SampleServiceFixture>
{
    private async Task<HttpStatusCode> DeliverAsync(UserCreated userCreated)
    {
        var (status, body) = await fixture.Service.DeliverAsync(userCreated);
        Assert.Contains("SUCCESS", body, StringComparison.Ordinal);
        return status;
    }

    private static UserCreated NewEvent(Guid userId) =>
        new(userId, "park@oneday.kr", "박지은", UserRole.Worker) { EventId = Guid.NewGuid(), OccurredAt = DateTimeOffset.UtcNow };

    [Fact]
    public async Task An_event_delivered_twice_has_one_effect()
    {
        var userCreated = NewEvent(Guid.NewGuid());

        Assert.Equal(HttpStatusCode.OK, await DeliverAsync(userCreated));
        Assert.Equal(HttpStatusCode.OK, await DeliverAsync(userCreated));

        Assert.Equal(1, await fixture.WelcomesForAsync(userCreated.UserId));
    }

    [Fact]
    public async Task An_event_delivered_many_times_at_once_has_one_effect()
    {
        var userCreated = NewEvent(Guid.NewGuid());

        var statuses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => DeliverAsync(userCreated)));

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(1, await fixture.WelcomesForAsync(userCreated.UserId));
    }

    [Fact]
    public async Task Two_different_events_each_have_their_effect()
    {
        var userId = Guid.NewGuid();

        await DeliverAsync(NewEvent(userId));
        await DeliverAsync(NewEvent(userId));

        Assert.Equal(2, await fixture.WelcomesForAsync(userId));
    }

    [Fact]
    public async Task An_unreadable_event_is_dropped_not_retried_forever()
    {
        using var client = fixture.Service.CreateClient();
        using var content = new StringContent("""{"id":"x","specversion":"1.0","datacontenttype":"application/json","data":{"userId":"not-a-guid"}}""",
            Encoding.UTF8, "application/cloudevents+json");

        using var response = await client.PostAsync(new Uri("/integration-events/user-created", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("DROP", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
