using Dapr.AppCallback.Autogen.Grpc.v1;
using Dapr.Client.Autogen.Grpc.v1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;

namespace OneDay.DaprEmulator.Hosting;

/// <summary>
/// The sidecar's side of the `dapr.proto.runtime.v1.AppCallback` service, for an app started with
/// `--app-protocol grpc` (dapr pkg/channel/grpc/grpc_channel.go; docs/dapr-invocation-and-actors-fidelity.md §3):
/// invocation through OnInvoke, subscriptions through ListTopicSubscriptions, deliveries through OnTopicEvent, and
/// the health probe through `AppCallbackHealthCheck/HealthCheck`. HTTP/2 without TLS, the app token in the metadata
/// of every call. Dapr.Protos ships only the server bases of these services, so the methods are described here.
/// </summary>
public sealed class AppCallbackChannel : IDisposable
{
    private const string AppCallbackService = "dapr.proto.runtime.v1.AppCallback";

    private static readonly Method<InvokeRequest, InvokeResponse> OnInvokeMethod = Unary<InvokeRequest, InvokeResponse>(AppCallbackService, "OnInvoke");
    private static readonly Method<Empty, ListTopicSubscriptionsResponse> ListTopicSubscriptionsMethod = Unary<Empty, ListTopicSubscriptionsResponse>(AppCallbackService, "ListTopicSubscriptions");
    private static readonly Method<TopicEventRequest, TopicEventResponse> OnTopicEventMethod = Unary<TopicEventRequest, TopicEventResponse>(AppCallbackService, "OnTopicEvent");

    // daprd sends and reads google.protobuf.Empty here, whatever the app declares (grpc_channel.go HealthProbe).
    private static readonly Method<Empty, Empty> HealthCheckMethod = Unary<Empty, Empty>("dapr.proto.runtime.v1.AppCallbackHealthCheck", "HealthCheck");

    private readonly GrpcChannel _channel;
    private readonly string? _appApiToken;

    public AppCallbackChannel(string address, int port, string? appApiToken, int maxMessageSize)
    {
        _appApiToken = appApiToken;
        _channel = GrpcChannel.ForAddress($"http://{address}:{port}", new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler
            {
                // An app that restarts on the same port is reached again.
                PooledConnectionIdleTimeout = TimeSpan.FromSeconds(1),
                ConnectTimeout = TimeSpan.FromSeconds(2),
                UseProxy = false,
            },
            MaxReceiveMessageSize = maxMessageSize,
            MaxSendMessageSize = maxMessageSize,
        });
    }

    /// <summary>The app's answer to an invocation, or its status when the call failed.</summary>
    public sealed record InvokeResult(Status Status, InvokeResponse? Response, Metadata Headers, Metadata Trailers);

    public async Task<InvokeResult> InvokeAsync(InvokeRequest request, Metadata metadata, CancellationToken cancellationToken)
    {
        using var call = _channel.CreateCallInvoker().AsyncUnaryCall(OnInvokeMethod, null, Options(metadata, cancellationToken), request);
        try
        {
            var response = await call.ResponseAsync.ConfigureAwait(false);
            var headers = await call.ResponseHeadersAsync.ConfigureAwait(false);
            return new InvokeResult(Status.DefaultSuccess, response, headers, call.GetTrailers());
        }
        catch (RpcException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return new InvokeResult(ex.Status, null, [], ex.Trailers);
        }
    }

    public Task<ListTopicSubscriptionsResponse> ListTopicSubscriptionsAsync(CancellationToken cancellationToken) =>
        _channel.CreateCallInvoker().AsyncUnaryCall(ListTopicSubscriptionsMethod, null, Options([], cancellationToken), new Empty()).ResponseAsync;

    public Task<TopicEventResponse> OnTopicEventAsync(TopicEventRequest request, Metadata metadata, CancellationToken cancellationToken) =>
        _channel.CreateCallInvoker().AsyncUnaryCall(OnTopicEventMethod, null, Options(metadata, cancellationToken), request).ResponseAsync;

    public Task HealthCheckAsync(CancellationToken cancellationToken) =>
        _channel.CreateCallInvoker().AsyncUnaryCall(HealthCheckMethod, null, Options([], cancellationToken), new Empty()).ResponseAsync;

    private CallOptions Options(Metadata metadata, CancellationToken cancellationToken)
    {
        if (_appApiToken is not null) metadata.Add("dapr-api-token", _appApiToken);
        return new CallOptions(metadata, cancellationToken: cancellationToken);
    }

    private static Method<TRequest, TResponse> Unary<TRequest, TResponse>(string service, string name)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new() =>
        new(MethodType.Unary, service, name, Marshaller<TRequest>(), Marshaller<TResponse>());

    private static Marshaller<T> Marshaller<T>() where T : class, IMessage<T>, new()
    {
        var parser = new MessageParser<T>(() => new T());
        return Marshallers.Create(message => message.ToByteArray(), parser.ParseFrom);
    }

    public void Dispose() => _channel.Dispose();
}
