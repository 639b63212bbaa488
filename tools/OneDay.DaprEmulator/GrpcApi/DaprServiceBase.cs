using Dapr.Client.Autogen.Grpc.v1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace OneDay.DaprEmulator.GrpcApi;

/// <summary>
/// The server side of `dapr.proto.runtime.v1.Dapr` for the rpcs the emulator serves. Dapr.Protos ships
/// only the client stub, so this binds them itself, in the shape Grpc.AspNetCore expects of generated
/// code: a static BindService on the base type and virtual handlers an implementation overrides. Rpcs
/// not bound here answer UNIMPLEMENTED, which the SDK's bulk-publish probe relies on.
/// </summary>
[BindServiceMethod(typeof(DaprServiceBase), nameof(BindService))]
public abstract class DaprServiceBase
{
    internal const string ServiceName = "dapr.proto.runtime.v1.Dapr";

    public static void BindService(ServiceBinderBase binder, DaprServiceBase? service)
    {
        binder.BindUnary(ServiceName, nameof(PublishEvent), PublishEventRequest.Parser, Empty.Parser);
        binder.BindUnary(ServiceName, nameof(BulkPublishEventAlpha1), BulkPublishRequest.Parser, BulkPublishResponse.Parser);
        binder.BindUnary(ServiceName, nameof(GetState), GetStateRequest.Parser, GetStateResponse.Parser);
        binder.BindUnary(ServiceName, nameof(GetBulkState), GetBulkStateRequest.Parser, GetBulkStateResponse.Parser);
        binder.BindUnary(ServiceName, nameof(SaveState), SaveStateRequest.Parser, Empty.Parser);
        binder.BindUnary(ServiceName, nameof(DeleteState), DeleteStateRequest.Parser, Empty.Parser);
        binder.BindUnary(ServiceName, nameof(DeleteBulkState), DeleteBulkStateRequest.Parser, Empty.Parser);
        binder.BindUnary(ServiceName, nameof(ExecuteStateTransaction), ExecuteStateTransactionRequest.Parser, Empty.Parser);
        binder.BindUnary(ServiceName, nameof(GetSecret), GetSecretRequest.Parser, GetSecretResponse.Parser);
        binder.BindUnary(ServiceName, nameof(GetBulkSecret), GetBulkSecretRequest.Parser, GetBulkSecretResponse.Parser);
        binder.BindUnary(ServiceName, nameof(InvokeBinding), InvokeBindingRequest.Parser, InvokeBindingResponse.Parser);
        binder.BindUnary(ServiceName, nameof(GetMetadata), GetMetadataRequest.Parser, GetMetadataResponse.Parser);
        binder.BindUnary(ServiceName, nameof(SetMetadata), SetMetadataRequest.Parser, Empty.Parser);
    }

    public virtual Task<Empty> PublishEvent(PublishEventRequest request, ServerCallContext context) => throw Unimplemented();

    public virtual Task<BulkPublishResponse> BulkPublishEventAlpha1(BulkPublishRequest request, ServerCallContext context) => throw Unimplemented();

    public virtual Task<GetStateResponse> GetState(GetStateRequest request, ServerCallContext context) => throw Unimplemented();

    public virtual Task<GetBulkStateResponse> GetBulkState(GetBulkStateRequest request, ServerCallContext context) => throw Unimplemented();

    public virtual Task<Empty> SaveState(SaveStateRequest request, ServerCallContext context) => throw Unimplemented();

    public virtual Task<Empty> DeleteState(DeleteStateRequest request, ServerCallContext context) => throw Unimplemented();

    public virtual Task<Empty> DeleteBulkState(DeleteBulkStateRequest request, ServerCallContext context) => throw Unimplemented();

    public virtual Task<Empty> ExecuteStateTransaction(ExecuteStateTransactionRequest request, ServerCallContext context) => throw Unimplemented();

    public virtual Task<GetSecretResponse> GetSecret(GetSecretRequest request, ServerCallContext context) => throw Unimplemented();

    public virtual Task<GetBulkSecretResponse> GetBulkSecret(GetBulkSecretRequest request, ServerCallContext context) => throw Unimplemented();

    public virtual Task<InvokeBindingResponse> InvokeBinding(InvokeBindingRequest request, ServerCallContext context) => throw Unimplemented();

    public virtual Task<GetMetadataResponse> GetMetadata(GetMetadataRequest request, ServerCallContext context) => throw Unimplemented();

    public virtual Task<Empty> SetMetadata(SetMetadataRequest request, ServerCallContext context) => throw Unimplemented();

    private static RpcException Unimplemented() => new(new Status(StatusCode.Unimplemented, "not served by the emulator"));
}
