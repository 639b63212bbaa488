using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Dapr.AppCallback.Autogen.Grpc.v1;
using Dapr.Client.Autogen.Grpc.v1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace OneDay.DaprEmulator.Tests.TestApp;

/// <summary>
/// An app that speaks gRPC to its sidecar (`--app-protocol grpc`): it implements the AppCallback service generated in
/// Dapr.Protos, and AppCallbackHealthCheck. It subscribes to `orders` on `pubsub` (the rule `event.type == "v2"` to
/// `orders/v2`, the default `orders`, dead letters to `orders-dead`) and to `orders-dead` with no routes. An event's
/// data `{"verdict": …}` picks the answer: `retry-once`, `drop`, `unimplemented`; anything else is SUCCESS.
/// </summary>
public sealed class GrpcCallbackApp : IAsyncDisposable
{
    private readonly WebApplication _web;

    private GrpcCallbackApp(WebApplication web, Received received)
    {
        _web = web;
        Calls = received;
    }

    public Received Calls { get; }

    public static async Task<GrpcCallbackApp> StartAsync(int port)
    {
        var received = new Received();
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, o => o.Protocols = HttpProtocols.Http2));
        builder.Services.AddSingleton(received);
        builder.Services.AddGrpc();
        var web = builder.Build();
        web.MapGrpcService<Callback>();
        web.MapGrpcService<Health>();
        await web.StartAsync();
        return new GrpcCallbackApp(web, received);
    }

    public ValueTask DisposeAsync() => _web.DisposeAsync();

    /// <summary>What the app was called with, and whether it reports itself healthy.</summary>
    public sealed class Received
    {
        public ConcurrentQueue<(InvokeRequest Request, Metadata Headers)> Invocations { get; } = new();
        public ConcurrentQueue<(TopicEventRequest Event, Metadata Headers)> Events { get; } = new();

        /// <summary>Deliveries per event id (the service instance lives for one call).</summary>
        public ConcurrentDictionary<string, int> Attempts { get; } = new();
        private int _healthChecks;
        private volatile bool _healthy = true;

        public int HealthChecks => Volatile.Read(ref _healthChecks);

        public bool Healthy
        {
            get => _healthy;
            set => _healthy = value;
        }

        public void CountHealthCheck() => Interlocked.Increment(ref _healthChecks);

        public IReadOnlyList<TopicEventRequest> EventsOn(string topic) => Events.Select(e => e.Event).Where(e => e.Topic == topic).ToList();
    }

    private sealed class Callback(Received received) : AppCallback.AppCallbackBase
    {
        public override Task<InvokeResponse> OnInvoke(InvokeRequest request, ServerCallContext context)
        {
            received.Invocations.Enqueue((request, context.RequestHeaders));
            if (request.Method == "orders/missing") throw new RpcException(new Status(StatusCode.NotFound, "no such order"));
            return Task.FromResult(new InvokeResponse
            {
                Data = new Any { Value = ByteString.CopyFromUtf8("accepted " + request.Data.Value.ToStringUtf8()) },
                ContentType = "text/plain",
            });
        }

        public override Task<ListTopicSubscriptionsResponse> ListTopicSubscriptions(Empty request, ServerCallContext context) =>
            Task.FromResult(new ListTopicSubscriptionsResponse
            {
                Subscriptions =
                {
                    new TopicSubscription
                    {
                        PubsubName = "pubsub",
                        Topic = "orders",
                        Routes = new TopicRoutes { Rules = { new TopicRule { Match = "event.type == \"v2\"", Path = "orders/v2" } }, Default = "orders" },
                        DeadLetterTopic = "orders-dead",
                    },
                    new TopicSubscription { PubsubName = "pubsub", Topic = "orders-dead" },
                },
            });

        public override Task<TopicEventResponse> OnTopicEvent(TopicEventRequest request, ServerCallContext context)
        {
            received.Events.Enqueue((request, context.RequestHeaders));
            var verdict = request.Topic == "orders" && request.Data.Length > 0
                && JsonDocument.Parse(request.Data.Memory).RootElement.TryGetProperty("verdict", out var v) ? v.GetString() : null;
            var status = verdict switch
            {
                "retry-once" when received.Attempts.AddOrUpdate(request.Id, 1, (_, n) => n + 1) == 1 => TopicEventResponse.Types.TopicEventResponseStatus.Retry,
                "drop" => TopicEventResponse.Types.TopicEventResponseStatus.Drop,
                "unimplemented" => throw new RpcException(new Status(StatusCode.Unimplemented, "not handled here")),
                _ => TopicEventResponse.Types.TopicEventResponseStatus.Success,
            };
            return Task.FromResult(new TopicEventResponse { Status = status });
        }
    }

    private sealed class Health(Received received) : AppCallbackHealthCheck.AppCallbackHealthCheckBase
    {
        public override Task<HealthCheckResponse> HealthCheck(Empty request, ServerCallContext context)
        {
            received.CountHealthCheck();
            return received.Healthy
                ? Task.FromResult(new HealthCheckResponse())
                : throw new RpcException(new Status(StatusCode.Unavailable, "not serving"));
        }
    }
}
