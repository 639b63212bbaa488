using System.Net.Http.Json;
using System.Text.Json;

namespace OneDay.Notifications.Tests;

/// <summary>What others learn from the service itself: its subscriptions (/dapr/subscribe) and its public API (/openapi/v1.json).</summary>
[Collection(NotificationsCollection.Name)]
public sealed class ServiceDescriptionTests(NotificationsFixture fixture)
{
    [Fact]
    public async Task Every_notifying_event_is_subscribed_on_the_pubsub()
    {
        using var client = fixture.Service.CreateClient();

        var table = await client.GetFromJsonAsync<JsonElement[]>("/dapr/subscribe");

        var topics = table!.Select(s => s.GetProperty("topic").GetString()).Order().ToList();
        Assert.Equal([
            "application-cancelled", "application-no-show", "application-rejected", "attendance-confirmed", "attendance-disputed", "chat-message-sent",
            "filing-deadline-approaching", "job-completed", "job-matched", "payment-completed", "payment-failed", "rating-given", "settlement-created",
            "user-created", "user-deleted", "user-suspended", "user-updated", "withdrawal-completed", "withdrawal-requested", "worker-checked-in",
            "worker-checked-out"], topics);
        Assert.All(table!, s => Assert.Equal("pubsub", s.GetProperty("pubsubName").GetString()));
    }

    [Fact]
    public async Task The_openapi_document_shows_the_public_routes_but_not_the_internal_one()
    {
        using var client = fixture.Service.CreateClient();

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/notifications", paths);
        Assert.Contains("/notifications/send", paths);
        Assert.Contains("/notifications/preferences", paths);
        Assert.DoesNotContain(paths, p => p.StartsWith("/internal", StringComparison.Ordinal) || p.StartsWith("/integration-events", StringComparison.Ordinal));
    }
}
