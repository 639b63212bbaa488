using OneDay.Config.Tests.Roads;
using OneDay.Config.Tests.Validation;
using OneDay.Testing;

namespace OneDay.Config.Tests;

/// <summary>
/// Least privilege on the broker: every app the pubsub component is scoped to may publish exactly the events README's
/// who-hears table says it publishes (a table ServiceRoadsTests keeps true to the code), and nothing else. daprd reads
/// `publishingScopes` as "app=topic,topic;app=" and leaves an app it does not name free to publish any topic
/// (components-contrib pubsub/pubsub.go scopes, dapr pkg/runtime/pubsub/topics.go), so every scoped app is named.
/// </summary>
public class TopicScopeTests
{
    [Theory]
    [InlineData("components/redis/pubsub.yaml")]
    [InlineData("components/rabbitmq/pubsub.yaml")]
    [InlineData("k8s/overlays/redis/pubsub.yaml")]
    [InlineData("k8s/overlays/rabbitmq/pubsub.yaml")]
    public void Each_app_may_publish_exactly_the_events_it_publishes(string file)
    {
        var pubsub = Assert.Single(DaprResource.Parse(File.ReadAllText(RepositoryFolder.PathOf(file)), file));
        var events = ReadmeRoads.Parse(File.ReadAllText(RepositoryFolder.PathOf("README.md"))).Events;

        var scopes = PublishingScopes(pubsub.MetadataValue("publishingScopes"));

        Assert.NotEmpty(pubsub.Scopes);
        Assert.Equal(pubsub.Scopes.Order(StringComparer.Ordinal), scopes.Keys.Order(StringComparer.Ordinal));
        Assert.All(pubsub.Scopes, app => Assert.Equal(
            events.Where(e => e.PublishedBy.Contains(app)).Select(e => e.Topic).Order(StringComparer.Ordinal),
            scopes[app]));
    }

    private static Dictionary<string, IReadOnlyList<string>> PublishingScopes(string? value) =>
        (value ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(entry => entry.Split('=', 2))
            .ToDictionary(
                pair => pair[0],
                pair => (IReadOnlyList<string>)[.. pair[1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order(StringComparer.Ordinal)],
                StringComparer.Ordinal);
}
