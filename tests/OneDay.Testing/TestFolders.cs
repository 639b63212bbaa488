namespace OneDay.Testing;

/// <summary>Scratch folders tests write components, secrets and binding output into.</summary>
public static class TestFolders
{
    /// <summary>
    /// The Redis Streams pubsub component on the given Redis (host:port), named "pubsub" as every service
    /// expects, with redelivery quick enough for tests.
    /// </summary>
    public static string PubSubComponent(string redisHost) => DaprComponentYaml.Of("pubsub", "pubsub.redis",
        [("redisHost", redisHost), ("processingTimeout", "1s"), ("redeliverInterval", "500ms")]);

    /// <summary>
    /// The RabbitMQ pubsub component as components/rabbitmq declares it (durable queues kept without
    /// consumers, persistent messages, a failed delivery requeued), on the given server and virtual host.
    /// </summary>
    public static string RabbitMqPubSubComponent(string connectionString) => DaprComponentYaml.Of("pubsub", "pubsub.rabbitmq",
        [("connectionString", connectionString), ("durable", "true"), ("deletedWhenUnused", "false"), ("deliveryMode", "2"),
            ("requeueInFailure", "true"), ("publisherConfirm", "true")]);

    /// <summary>Deletes the folder; one a stopping process still holds open is left for the OS to clean.</summary>
    public static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Still open by a stopping sidecar or app.
        }
    }
}
