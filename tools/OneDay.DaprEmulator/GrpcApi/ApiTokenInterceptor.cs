using Grpc.Core;
using Grpc.Core.Interceptors;
using OneDay.DaprEmulator.Hosting;

namespace OneDay.DaprEmulator.GrpcApi;

/// <summary>
/// `dapr-api-token` on the gRPC API (dapr pkg/api/grpc/auth.go): missing or wrong → UNAUTHENTICATED.
/// Also turns the API's errors into daprd's gRPC status codes.
/// </summary>
public sealed class ApiTokenInterceptor(Sidecar sidecar) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        if (sidecar.Options.DaprApiToken is { } token && context.RequestHeaders.GetValue("dapr-api-token") != token)
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated, "authentication error: api token mismatch"));
        }
        try
        {
            return await continuation(request, context).ConfigureAwait(false);
        }
        catch (DaprApiException ex)
        {
            throw ex.ToRpcException();
        }
    }
}
