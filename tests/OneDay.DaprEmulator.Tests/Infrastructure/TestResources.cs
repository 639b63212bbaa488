using OneDay.Testing;

namespace OneDay.DaprEmulator.Tests.Infrastructure;

/// <summary>
/// Dapr resources for the conformance tests, written to a fresh folder per test: components, a
/// Configuration with access control, a Resiliency spec, and the files the components read.
/// </summary>
public sealed class TestResources : IDisposable
{
    public TestResources()
    {
        Redis = PrivateRedisServer.Start();
        Directory.CreateDirectory(Folder);
        File.WriteAllText(Path.Combine(Folder, "secrets.json"), """
            {"db": {"password": "s3cret", "user": "app"}, "plain": "value", "list": ["a", "b"]}
            """);
        WritePubsub();
        Write("pubsub-plain.yaml", DaprComponentYaml.Of("plain", "pubsub.redis", [("redisHost", Redis.Address), ("redeliverInterval", "0")]));
        Write("statestore.yaml", DaprComponentYaml.Of("statestore", "state.redis", [("redisHost", Redis.Address), ("actorStateStore", "true")]));
        Write("secretstore.yaml", DaprComponentYaml.Of("secretstore", "secretstores.local.file", [("secretsFile", Path.Combine(Folder, "secrets.json"))]));
        Write("bindings.yaml", DaprComponentYaml.Documents(
            DaprComponentYaml.Of("files", "bindings.localstorage", [("rootPath", Path.Combine(Folder, "outbox"))]),
            DaprComponentYaml.Of("mailer", "bindings.smtp", [("host", "smtp.example.invalid"), ("port", "25")], scopes: ["orders"])));
        Write("resiliency.yaml", """
            apiVersion: dapr.io/v1alpha1
            kind: Resiliency
            metadata:
              name: test-resiliency
            spec:
              policies:
                timeouts:
                  quick: 1s
                retries:
                  retryUnavailable:
                    policy: constant
                    duration: 10ms
                    maxRetries: 3
                    matching:
                      httpStatusCodes: "503"
                  deliveryRetry:
                    policy: constant
                    duration: 20ms
                    maxRetries: 3
                circuitBreakers:
                  breaker:
                    maxRequests: 1
                    timeout: 30s
                    trip: consecutiveFailures > 2
              targets:
                apps:
                  callee:
                    retry: retryUnavailable
                    timeout: quick
                  fragile:
                    circuitBreaker: breaker
                components:
                  pubsub:
                    inbound:
                      retry: deliveryRetry
            """);
        ConfigFile = Write("config.yaml", """
            apiVersion: dapr.io/v1alpha1
            kind: Configuration
            metadata:
              name: test-config
            spec:
              tracing:
                samplingRate: "1"
              accessControl:
                defaultAction: allow
                trustDomain: public
                policies:
                - appId: outsider
                  defaultAction: allow
                  trustDomain: public
                  namespace: default
                  operations:
                  - name: /internal/**
                    httpVerb: ["*"]
                    action: deny
                - appId: trusted
                  defaultAction: deny
                  trustDomain: public
                  namespace: default
                  operations:
                  - name: /internal/**
                    httpVerb: ["GET"]
                    action: allow
            """);
    }

    /// <summary>The Redis server of this test's pubsub and statestore components.</summary>
    public PrivateRedisServer Redis { get; }

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "oneday-emulator-tests", Guid.NewGuid().ToString("N"));

    public string ConfigFile { get; }

    /// <summary>
    /// (Re)writes the `pubsub` component, with extra metadata items (topic scoping) and component scopes
    /// when given; a test changes it before starting the sidecars that should load it.
    /// </summary>
    public void WritePubsub(IReadOnlyDictionary<string, string>? metadata = null, IReadOnlyList<string>? scopes = null) =>
        Write("pubsub.yaml", DaprComponentYaml.Of("pubsub", "pubsub.redis",
            [("redisHost", Redis.Address), ("processingTimeout", "300ms"), ("redeliverInterval", "200ms"),
                .. (metadata ?? new Dictionary<string, string>()).Select(m => (m.Key, m.Value))],
            scopes));

    /// <summary>Replaces the `pubsub` component with RabbitMQ (as components/rabbitmq does) on the given server.</summary>
    public void WriteRabbitMqPubsub(string connectionString) => Write("pubsub.yaml", TestFolders.RabbitMqPubSubComponent(connectionString));

    public string Write(string name, string yaml)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, yaml);
        return path;
    }

    public void Dispose()
    {
        Redis.DisposeAsync().AsTask().GetAwaiter().GetResult();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a stopping sidecar: the temp folder is cleaned up by the OS.
        }
    }
}
