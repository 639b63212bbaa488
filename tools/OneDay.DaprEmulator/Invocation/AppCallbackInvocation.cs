using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Dapr.Client.Autogen.Grpc.v1;
using Google.Protobuf;
using Grpc.Core;
using OneDay.DaprEmulator.Hosting;

namespace OneDay.DaprEmulator.Invocation;

/// <summary>
/// An HTTP service invocation delivered to an app that speaks gRPC, as daprd does it
/// (docs/dapr-invocation-and-actors-fidelity.md §3): the call becomes `AppCallback/OnInvoke` with the method, the
/// body as the data's bytes, the content type and the verb and query (dapr pkg/api/http/directmessaging.go,
/// pkg/channel/grpc/grpc_channel.go invokeMethodV1); the headers become metadata, those HTTP/2 forbids or that
/// mean something else there prefixed with `dapr-` (pkg/messaging/v1/util.go InternalMetadataToGrpcMetadata). The
/// app's answer becomes 200 with the data and its content type; a gRPC error becomes the HTTP status of its code
/// (util.go HTTPStatusFromCode) with the status as JSON for a body.
/// </summary>
public static class AppCallbackInvocation
{
    // pkg/messaging/v1/util.go isPermanentHTTPHeader
    private static readonly HashSet<string> PrefixedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Accept", "Accept-Charset", "Accept-Language", "Accept-Ranges", "Connection", "Keep-Alive", "Proxy-Connection",
        "Transfer-Encoding", "Upgrade", "Cache-Control", "Content-Type", "Content-Length", "Cookie", "Date", "Expect",
        "From", "Host", "If-Match", "If-Modified-Since", "If-None-Match", "If-Schedule-Tag-Match", "If-Unmodified-Since",
        "Max-Forwards", "Origin", "Pragma", "Referer", "Via", "Warning",
    };

    // The gRPC client owns these (and daprd carries the trace as grpc-trace-bin, which the emulator does not build).
    private static readonly HashSet<string> NotSent = new(StringComparer.OrdinalIgnoreCase) { "user-agent", "te", "traceparent", "tracestate" };

    public static async Task<HttpResponseMessage> InvokeAsync(AppCallbackChannel app, InvocationCall call, string calleeAppId, CancellationToken cancellationToken)
    {
        var request = new InvokeRequest
        {
            Method = call.Path.TrimStart('/'),
            Data = new Google.Protobuf.WellKnownTypes.Any { Value = ByteString.CopyFrom(call.Body) },
            ContentType = call.Headers.FirstOrDefault(h => h.Name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)).Value ?? "",
            HttpExtension = new HTTPExtension
            {
                Verb = Enum.TryParse<HTTPExtension.Types.Verb>(call.Verb, ignoreCase: true, out var verb) ? verb : HTTPExtension.Types.Verb.None,
                Querystring = call.Query.TrimStart('?'),
            },
        };
        var metadata = new Metadata();
        foreach (var (name, value) in call.Headers)
        {
            if (NotSent.Contains(name) || name.StartsWith("grpc-", StringComparison.OrdinalIgnoreCase)) continue;
            Add(metadata, PrefixedHeaders.Contains(name) ? "dapr-" + name : name, value);
        }
        Add(metadata, "dapr-caller-app-id", call.CallerAppId);
        Add(metadata, "dapr-callee-app-id", calleeAppId);
        Add(metadata, "dapr-caller-namespace", call.CallerNamespace);

        var result = await app.InvokeAsync(request, metadata, cancellationToken).ConfigureAwait(false);
        var response = result.Status.StatusCode == StatusCode.OK
            ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(result.Response?.Data?.Value.ToByteArray() ?? []) }
            : new HttpResponseMessage((HttpStatusCode)HttpStatusFromCode(result.Status.StatusCode)) { Content = new ByteArrayContent(StatusAsJson(result.Status)) };
        foreach (var entry in result.Headers.Concat(result.Trailers))
        {
            if (!entry.IsBinary && !entry.Key.StartsWith("grpc-", StringComparison.Ordinal) && entry.Key != "content-type")
            {
                response.Headers.TryAddWithoutValidation(entry.Key, entry.Value);
            }
        }
        if (result.Status.StatusCode == StatusCode.OK && result.Response?.ContentType is { Length: > 0 } contentType)
        {
            response.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }
        else if (result.Status.StatusCode != StatusCode.OK)
        {
            // daprd writes the status without a content type, and Go's server sniffs it as text.
            response.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("text/plain; charset=utf-8");
        }
        return response;
    }

    private static void Add(Metadata metadata, string name, string value)
    {
        try
        {
            metadata.Add(name.ToLowerInvariant(), value);
        }
        catch (ArgumentException)
        {
            // A header whose name is not a valid metadata key cannot travel over gRPC.
        }
    }

    /// <summary>google.rpc.Status as protojson writes it: unset fields left out (pkg/messaging/v1/util.go ProtobufToJSON).</summary>
    private static byte[] StatusAsJson(Status status)
    {
        var body = new Dictionary<string, object> { ["code"] = (int)status.StatusCode };
        if (status.Detail.Length > 0) body["message"] = status.Detail;
        return JsonSerializer.SerializeToUtf8Bytes(body);
    }

    /// <summary>pkg/messaging/v1/util.go HTTPStatusFromCode.</summary>
    public static int HttpStatusFromCode(StatusCode code) => code switch
    {
        StatusCode.OK => 200,
        StatusCode.Cancelled => 408,
        StatusCode.InvalidArgument or StatusCode.FailedPrecondition or StatusCode.OutOfRange => 400,
        StatusCode.DeadlineExceeded => 504,
        StatusCode.NotFound => 404,
        StatusCode.AlreadyExists or StatusCode.Aborted => 409,
        StatusCode.PermissionDenied => 403,
        StatusCode.Unauthenticated => 401,
        StatusCode.ResourceExhausted => 429,
        StatusCode.Unimplemented => 501,
        StatusCode.Unavailable => 503,
        _ => 500,
    };
}
