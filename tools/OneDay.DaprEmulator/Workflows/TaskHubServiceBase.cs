using Dapr.DurableTask.Protobuf;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using OneDay.DaprEmulator.GrpcApi;

namespace OneDay.DaprEmulator.Workflows;

/// <summary>
/// The server side of the durable task `TaskHubSidecarService` (no proto package, so paths are
/// `/TaskHubSidecarService/{Rpc}`; docs/dapr-workflow.md W.1.1). Dapr.Workflow.Grpc.dll ships only the client,
/// so the rpcs are bound here with its message types. Rpcs not bound answer UNIMPLEMENTED.
/// </summary>
[BindServiceMethod(typeof(TaskHubServiceBase), nameof(BindService))]
public abstract class TaskHubServiceBase
{
    internal const string ServiceName = "TaskHubSidecarService";

    public static void BindService(ServiceBinderBase binder, TaskHubServiceBase? service)
    {
        binder.AddMethod(
            new Method<GetWorkItemsRequest, WorkItem>(MethodType.ServerStreaming, ServiceName, nameof(GetWorkItems),
                ServerBinding.Marshaller(GetWorkItemsRequest.Parser), ServerBinding.Marshaller(WorkItem.Parser)),
            (ServerStreamingServerMethod<GetWorkItemsRequest, WorkItem>?)null);
        binder.BindUnary(ServiceName, nameof(Hello), Empty.Parser, Empty.Parser);
        binder.BindUnary(ServiceName, nameof(CompleteOrchestratorTask), WorkflowResponse.Parser, CompleteTaskResponse.Parser);
        binder.BindUnary(ServiceName, nameof(CompleteWorkflowTask), WorkflowResponse.Parser, CompleteTaskResponse.Parser);
        binder.BindUnary(ServiceName, nameof(CompleteActivityTask), ActivityResponse.Parser, CompleteTaskResponse.Parser);
        binder.BindUnary(ServiceName, nameof(StartInstance), CreateInstanceRequest.Parser, CreateInstanceResponse.Parser);
        binder.BindUnary(ServiceName, nameof(GetInstance), GetInstanceRequest.Parser, GetInstanceResponse.Parser);
        binder.BindUnary(ServiceName, nameof(WaitForInstanceStart), GetInstanceRequest.Parser, GetInstanceResponse.Parser);
        binder.BindUnary(ServiceName, nameof(WaitForInstanceCompletion), GetInstanceRequest.Parser, GetInstanceResponse.Parser);
        binder.BindUnary(ServiceName, nameof(RaiseEvent), RaiseEventRequest.Parser, RaiseEventResponse.Parser);
        binder.BindUnary(ServiceName, nameof(TerminateInstance), TerminateRequest.Parser, TerminateResponse.Parser);
        binder.BindUnary(ServiceName, nameof(SuspendInstance), SuspendRequest.Parser, SuspendResponse.Parser);
        binder.BindUnary(ServiceName, nameof(ResumeInstance), ResumeRequest.Parser, ResumeResponse.Parser);
        binder.BindUnary(ServiceName, nameof(PurgeInstances), PurgeInstancesRequest.Parser, PurgeInstancesResponse.Parser);
    }

    public abstract Task GetWorkItems(GetWorkItemsRequest request, IServerStreamWriter<WorkItem> stream, ServerCallContext context);

    public abstract Task<Empty> Hello(Empty request, ServerCallContext context);

    public abstract Task<CompleteTaskResponse> CompleteOrchestratorTask(WorkflowResponse request, ServerCallContext context);

    public abstract Task<CompleteTaskResponse> CompleteWorkflowTask(WorkflowResponse request, ServerCallContext context);

    public abstract Task<CompleteTaskResponse> CompleteActivityTask(ActivityResponse request, ServerCallContext context);

    public abstract Task<CreateInstanceResponse> StartInstance(CreateInstanceRequest request, ServerCallContext context);

    public abstract Task<GetInstanceResponse> GetInstance(GetInstanceRequest request, ServerCallContext context);

    public abstract Task<GetInstanceResponse> WaitForInstanceStart(GetInstanceRequest request, ServerCallContext context);

    public abstract Task<GetInstanceResponse> WaitForInstanceCompletion(GetInstanceRequest request, ServerCallContext context);

    public abstract Task<RaiseEventResponse> RaiseEvent(RaiseEventRequest request, ServerCallContext context);

    public abstract Task<TerminateResponse> TerminateInstance(TerminateRequest request, ServerCallContext context);

    public abstract Task<SuspendResponse> SuspendInstance(SuspendRequest request, ServerCallContext context);

    public abstract Task<ResumeResponse> ResumeInstance(ResumeRequest request, ServerCallContext context);

    public abstract Task<PurgeInstancesResponse> PurgeInstances(PurgeInstancesRequest request, ServerCallContext context);
}
