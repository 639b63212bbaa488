using OneDay.Config.Tests.Validation;
using OneDay.Testing;

namespace OneDay.Config.Tests;

/// <summary>The operator's promise: swap brokers by naming the broker layer components/rabbitmq/, with no message lost.</summary>
public class RabbitMqVariantTests
{
    [Theory]
    [InlineData("components/redis", "pubsub.redis")]
    [InlineData("components/rabbitmq", "pubsub.rabbitmq")]
    public void A_broker_layer_holds_only_the_pubsub_component_so_the_shared_set_cannot_drift(string brokerLayer, string type)
    {
        var layer = DaprResource.LoadFolder(RepositoryFolder.PathOf(brokerLayer));

        var pubsub = Assert.Single(layer);
        Assert.Equal(("Component", "pubsub", type), (pubsub.Kind, pubsub.Name, pubsub.ComponentType));
        Assert.DoesNotContain(DaprResource.LoadFolder(RepositoryFolder.PathOf("components")), resource => resource.Name == "pubsub");
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
}
