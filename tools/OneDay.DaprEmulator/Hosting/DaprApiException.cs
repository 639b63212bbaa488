using Grpc.Core;

namespace OneDay.DaprEmulator.Hosting;

/// <summary>
/// An API error with both of daprd's faces: the HTTP status + `{"errorCode","message"}` body
/// (dapr pkg/api/http/errors.go) and the gRPC status code (pkg/api/errors, pkg/messages/predefined.go).
/// </summary>
public sealed class DaprApiException(int httpStatus, StatusCode grpcStatus, string errorCode, string message) : Exception(message)
{
    public int HttpStatus { get; } = httpStatus;
    public StatusCode GrpcStatus { get; } = grpcStatus;
    public string ErrorCode { get; } = errorCode;

    public RpcException ToRpcException() => new(new Status(GrpcStatus, Message));

    public static DaprApiException PubsubNotFound(string name) =>
        new(404, StatusCode.InvalidArgument, "ERR_PUBSUB_NOT_FOUND", $"pubsub {name} is not found");

    public static DaprApiException PubsubEmpty() =>
        new(404, StatusCode.InvalidArgument, "ERR_PUBSUB_EMPTY", "pubsub name is empty");

    public static DaprApiException TopicEmpty(string pubsub) =>
        new(404, StatusCode.InvalidArgument, "ERR_TOPIC_NAME_EMPTY", $"topic is empty in pubsub {pubsub}");

    public static DaprApiException PublishForbidden(string topic, string appId) =>
        new(403, StatusCode.PermissionDenied, "ERR_PUBSUB_FORBIDDEN", $"topic {topic} is not allowed for app id {appId}");

    /// <summary>The broker refused or could not be reached (dapr pkg/messages ErrPubsubPublishMessage).</summary>
    public static DaprApiException PublishFailed(string topic, string pubsub, string detail) =>
        new(500, StatusCode.Internal, "ERR_PUBSUB_PUBLISH_MESSAGE", $"error when publish to topic {topic} in pubsub {pubsub}: {detail}");

    public static DaprApiException PubsubMetadata(string detail) =>
        new(400, StatusCode.InvalidArgument, "ERR_PUBSUB_REQUEST_METADATA", detail);

    public static DaprApiException StateStoreNotFound(string name) =>
        new(400, StatusCode.InvalidArgument, "ERR_STATE_STORE_NOT_FOUND", $"state store {name} is not found");

    public static DaprApiException StateStoresNotConfigured() =>
        new(500, StatusCode.FailedPrecondition, "ERR_STATE_STORE_NOT_CONFIGURED", "state store is not configured");

    public static DaprApiException MalformedRequest(string detail) =>
        new(400, StatusCode.InvalidArgument, "ERR_MALFORMED_REQUEST", detail);

    public static DaprApiException SecretStoreNotFound(string name) =>
        new(401, StatusCode.InvalidArgument, "ERR_SECRET_STORE_NOT_FOUND", $"failed finding secret store with key {name}");

    public static DaprApiException SecretsNotConfigured() =>
        new(500, StatusCode.FailedPrecondition, "ERR_SECRET_STORES_NOT_CONFIGURED", "secret store is not configured");

    public static DaprApiException SecretGet(string key, string store, string detail) =>
        new(500, StatusCode.Internal, "ERR_SECRET_GET", $"failed getting secret with key {key} from secret store {store}: {detail}");

    /// <summary>A key the app's secret scopes keep from it (dapr pkg/messages/predefined.go, ErrSecretPermissionDenied).</summary>
    public static DaprApiException SecretPermissionDenied(string key, string store) =>
        new(403, StatusCode.PermissionDenied, "ERR_PERMISSION_DENIED", $"access denied by policy to get \"{key}\" from \"{store}\"");

    public static DaprApiException BindingNotFound(string name) =>
        new(500, StatusCode.Internal, "ERR_INVOKE_OUTPUT_BINDING", $"error invoking output binding {name}: couldn't find output binding {name}");
}
