namespace OneDay.Testing;

/// <summary>Scratch folders tests write components, secrets and binding output into.</summary>
public static class TestFolders
{
    /// <summary>
    /// The Redis Streams pubsub component, named "pubsub" as every service expects, with redelivery quick
    /// enough for tests. The emulator's broker keeps the messages; the component only names its semantics.
    /// </summary>
    public const string PubSubComponent = """
        apiVersion: dapr.io/v1alpha1
        kind: Component
        metadata:
          name: pubsub
        spec:
          type: pubsub.redis
          version: v1
          metadata:
          - name: redisHost
            value: localhost:6379
          - name: processingTimeout
            value: 1s
          - name: redeliverInterval
            value: 500ms
        """;

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
