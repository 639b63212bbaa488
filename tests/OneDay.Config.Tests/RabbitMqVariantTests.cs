using OneDay.Config.Tests.Validation;
using YamlDotNet.RepresentationModel;
using OneDay.Testing;

namespace OneDay.Config.Tests;

/// <summary>The operator's promise: swap brokers by pointing at components/rabbitmq/, with no message lost.</summary>
public class RabbitMqVariantTests
{
    [Fact]
    public void The_rabbitmq_folder_is_the_default_set_with_only_the_pubsub_type_swapped()
    {
        var redisSet = ByKindAndName(DaprResource.LoadFolder(RepositoryFolder.PathOf("components")));
        var rabbitSet = ByKindAndName(DaprResource.LoadFolder(RepositoryFolder.PathOf("components/rabbitmq")));

        Assert.Equal(redisSet.Keys.Order(), rabbitSet.Keys.Order());
        Assert.All(redisSet.Keys.Where(key => key != "Component/pubsub"), key => Assert.Equal(Canonical(redisSet[key]), Canonical(rabbitSet[key])));
        Assert.Equal("pubsub.redis", redisSet["Component/pubsub"].ComponentType);
        Assert.Equal("pubsub.rabbitmq", rabbitSet["Component/pubsub"].ComponentType);
    }

    [Fact]
    public void The_rabbitmq_pubsub_keeps_every_message_until_a_consumer_has_handled_it()
    {
        var pubsub = ComponentFolderTests.ComponentsIn("components/rabbitmq").Single(component => component.Name == "pubsub");

        Assert.Equal("pubsub.rabbitmq", pubsub.ComponentType);
        Assert.Equal("true", pubsub.MetadataValue("durable"));
        Assert.Equal("false", pubsub.MetadataValue("deletedWhenUnused"));
        Assert.Equal("2", pubsub.MetadataValue("deliveryMode"));
        // RabbitMQ's default (false) discards a message whose delivery failed.
        Assert.Equal("true", pubsub.MetadataValue("requeueInFailure"));
        Assert.False(ComponentValidator.IsTruthy(pubsub.MetadataValue("autoAck")));
    }

    private static Dictionary<string, DaprResource> ByKindAndName(IReadOnlyList<DaprResource> resources) =>
        resources.ToDictionary(resource => $"{resource.Kind}/{resource.Name}");

    private static string Canonical(DaprResource resource)
    {
        using var writer = new StringWriter();
        new YamlStream(new YamlDocument(resource.Node)).Save(writer, assignAnchors: false);
        return writer.ToString();
    }
}
