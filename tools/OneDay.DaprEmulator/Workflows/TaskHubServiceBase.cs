using Dapr.DurableTask.Protobuf;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

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
                Marshaller(GetWorkItemsRequest.Parser), Marshaller(WorkItem.Parser)),
            (ServerStreamingServerMethod<GetWorkItemsRequest, WorkItem>?)null);
        Bind(binder, nameof(Hello), Empty.Parser, Empty.Parser);
        Bind(binder, nameof(CompleteOrchestratorTask), WorkflowResponse.Parser, CompleteTaskResponse.Parser);
        Bind(binder, nameof(CompleteWorkflowTask), WorkflowResponse.Parser, CompleteTaskResponse.Parser);
        Bind(binder, nameof(CompleteActivityTask), ActivityResponse.Parser, CompleteTaskResponse.Parser);
        Bind(binder, nameof(StartInstance), CreateInstanceRequest.Parser, CreateInstanceResponse.Parser);
        Bind(binder, nameof(GetInstance), GetInstanceRequest.Parser, GetInstanceResponse.Parser);
        Bind(binder, nameof(WaitForInstanceStart), GetInstanceRequest.Parser, GetInstanceResponse.Parser);
        Bind(binder, nameof(WaitForInstanceCompletion), GetInstanceRequest.Parser, GetInstanceResponse.Parser);
        Bind(binder, nameof(RaiseEvent), RaiseEventRequest.Parser, RaiseEventResponse.Parser);
        Bind(binder, nameof(TerminateInstance), TerminateRequest.Parser, TerminateResponse.Parser);
        Bind(binder, nameof(SuspendInstance), SuspendRequest.Parser, SuspendResponse.Parser);
        Bind(binder, nameof(ResumeInstance), ResumeRequest.Parser, ResumeResponse.Parser);
        Bind(binder, nameof(PurgeInstances), PurgeInstancesRequest.Parser, PurgeInstancesResponse.Parser);
    }

    private static Marshaller<T> Marshaller<T>(MessageParser<T> parser) where T : class, IMessage<T> =>
        Marshallers.Create(m => m.ToByteArray(), parser.ParseFrom);

    private static void Bind<TRequest, TResponse>(ServiceBinderBase binder, string name, MessageParser<TRequest> request, MessageParser<TResponse> response)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse> =>
        binder.AddMethod(
            new Method<TRequest, TResponse>(MethodType.Unary, ServiceName, name, Marshaller(request), Marshaller(response)),
            (UnaryServerMethod<TRequest, TResponse>?)null);

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
