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
        Write("pubsub-plain.yaml", $"""
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: plain
            spec:
              type: pubsub.redis
              version: v1
              metadata:
              - name: redisHost
                value: {Redis.Address}
              - name: redeliverInterval
                value: "0"
            """);
        Write("statestore.yaml", $"""
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: statestore
            spec:
              type: state.redis
              version: v1
              metadata:
              - name: redisHost
                value: {Redis.Address}
              - name: actorStateStore
                value: "true"
            """);
        Write("secretstore.yaml", $"""
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: secretstore
            spec:
              type: secretstores.local.file
              version: v1
              metadata:
              - name: secretsFile
                value: {Path.Combine(Folder, "secrets.json")}
            """);
        Write("bindings.yaml", $"""
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: files
            spec:
              type: bindings.localstorage
              version: v1
              metadata:
              - name: rootPath
                value: {Path.Combine(Folder, "outbox")}
            ---
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: mailer
            spec:
              type: bindings.smtp
              version: v1
              metadata:
              - name: host
                value: smtp.example.invalid
              - name: port
                value: "25"
            scopes:
            - orders
            """);
        Write("resiliency.yaml", """
            apiVersion: dapr.io/v1alpha1
            kind: Resiliency
            metadata:
              name: test-resiliency
            spec:
              policies:
                timeouts:
                  quick: 300ms
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
    public void WritePubsub(IReadOnlyDictionary<string, string>? metadata = null, IReadOnlyList<string>? scopes = null)
    {
        var extra = string.Concat((metadata ?? new Dictionary<string, string>()).Select(m => $"""

              - name: {m.Key}
                value: "{m.Value}"
            """));
        var scoped = scopes is { Count: > 0 } ? $"""

            scopes: [{string.Join(", ", scopes)}]
            """ : "";
        Write("pubsub.yaml", $"""
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: pubsub
            spec:
              type: pubsub.redis
              version: v1
              metadata:
              - name: redisHost
                value: {Redis.Address}
              - name: processingTimeout
                value: 300ms
              - name: redeliverInterval
                value: 200ms{extra}{scoped}
            """);
    }

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
