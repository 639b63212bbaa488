using Dapr.DurableTask.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace OneDay.DaprEmulator.Workflows;

/// <summary>`TaskHubSidecarService` on the sidecar's gRPC port, in front of its <see cref="WorkflowEngine"/>.</summary>
public sealed class TaskHubService(WorkflowEngine engine) : TaskHubServiceBase
{
    private static readonly CompleteTaskResponse Ok = new();

    private const int MinPruneAt = 1000;

    public override async Task GetWorkItems(GetWorkItemsRequest request, IServerStreamWriter<WorkItem> stream, ServerCallContext context)
    {
        engine.WorkerConnected();
        // What this stream was given: when the worker goes away, what it has not answered goes to the next worker (docs/dapr-workflow.md W.5.1).
        var given = new List<WorkItem>();
        // Answered items are dropped when the list has doubled since the last time: with thousands of instances in flight,
        // going through the list at every write would cost a pass over all of them per item.
        var pruneAt = MinPruneAt;
        try
        {
            await foreach (var item in engine.Work.ReadAllAsync(context.CancellationToken))
            {
                given.Add(item);
                await stream.WriteAsync(item, context.CancellationToken);
                if (given.Count > pruneAt)
                {
                    given.RemoveAll(engine.IsAnswered);
                    pruneAt = Math.Max(MinPruneAt, 2 * given.Count);
                }
            }
        }
        catch (Exception) when (context.CancellationToken.IsCancellationRequested)
        {
            foreach (var item in given) engine.Redispatch(item);
        }
        finally
        {
            engine.WorkerDisconnected();
        }
    }

    public override Task<Empty> Hello(Empty request, ServerCallContext context) => Task.FromResult(new Empty());

    // Completion rpcs always answer OK, or the worker tears its stream down (docs/dapr-workflow.md W.2.2).
    // The answer is saved before OK, so an acknowledged activity result is never asked for again.
    public override async Task<CompleteTaskResponse> CompleteOrchestratorTask(WorkflowResponse request, ServerCallContext context)
    {
        await engine.CompleteTurnAsync(request, context.CancellationToken);
        return Ok;
    }

    public override Task<CompleteTaskResponse> CompleteWorkflowTask(WorkflowResponse request, ServerCallContext context) =>
        CompleteOrchestratorTask(request, context);

    public override async Task<CompleteTaskResponse> CompleteActivityTask(ActivityResponse request, ServerCallContext context)
    {
        await engine.CompleteActivityAsync(request, context.CancellationToken);
        return Ok;
    }

    public override async Task<CreateInstanceResponse> StartInstance(CreateInstanceRequest request, ServerCallContext context)
    {
        try
        {
            return new CreateInstanceResponse { InstanceId = await engine.StartAsync(request, context.CancellationToken) };
        }
        catch (InvalidOperationException e)
        {
            throw new RpcException(new Status(StatusCode.Unknown, e.Message));
        }
    }

    public override async Task<GetInstanceResponse> GetInstance(GetInstanceRequest request, ServerCallContext context) =>
        Describe(await engine.GetAsync(request.InstanceId, context.CancellationToken), request.GetInputsAndOutputs);

    public override async Task<GetInstanceResponse> WaitForInstanceStart(GetInstanceRequest request, ServerCallContext context) =>
        Describe(await engine.WaitUntilAsync(request.InstanceId, i => i.Status != OrchestrationStatus.Pending, context.CancellationToken), request.GetInputsAndOutputs);

    public override async Task<GetInstanceResponse> WaitForInstanceCompletion(GetInstanceRequest request, ServerCallContext context) =>
        Describe(await engine.WaitUntilAsync(request.InstanceId, i => i.IsTerminal, context.CancellationToken), request.GetInputsAndOutputs);

    public override async Task<RaiseEventResponse> RaiseEvent(RaiseEventRequest request, ServerCallContext context) =>
        await engine.RaiseEventAsync(request, context.CancellationToken) ? new RaiseEventResponse() : throw NoSuchInstance(request.InstanceId);

    public override async Task<TerminateResponse> TerminateInstance(TerminateRequest request, ServerCallContext context) =>
        await engine.TerminateAsync(request, context.CancellationToken) is null ? throw NoSuchInstance(request.InstanceId) : new TerminateResponse();

    public override async Task<SuspendResponse> SuspendInstance(SuspendRequest request, ServerCallContext context) =>
        await engine.SuspendAsync(request, context.CancellationToken) is null ? throw NoSuchInstance(request.InstanceId) : new SuspendResponse();

    public override async Task<ResumeResponse> ResumeInstance(ResumeRequest request, ServerCallContext context) =>
        await engine.ResumeAsync(request, context.CancellationToken) is null ? throw NoSuchInstance(request.InstanceId) : new ResumeResponse();

    public override async Task<PurgeInstancesResponse> PurgeInstances(PurgeInstancesRequest request, ServerCallContext context)
    {
        try
        {
            return new PurgeInstancesResponse { DeletedInstanceCount = await engine.PurgeAsync(request.InstanceId, request.Recursive, context.CancellationToken) };
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException)
        {
            throw new RpcException(new Status(StatusCode.Unknown, e.Message));
        }
    }

    // daprd answers these as plain errors, not NOT_FOUND (docs/dapr-workflow.md W.2.6).
    private static RpcException NoSuchInstance(string id) => new(new Status(StatusCode.Unknown, $"workflow instance '{id}': no such instance exists"));

    /// <summary>docs/dapr-workflow.md W.2.4; the HTTP API's GET reads the same.</summary>
    internal static GetInstanceResponse Describe(WorkflowInstance? instance, bool withPayloads)
    {
        if (instance is null) return new GetInstanceResponse { Exists = false };
        lock (instance)
        {
            var started = instance.History.FirstOrDefault(e => e.ExecutionStarted is not null);
            if (started is null) return new GetInstanceResponse { Exists = true, WorkflowState = new() { InstanceId = instance.Id, WorkflowStatus = OrchestrationStatus.Pending } };
            var state = new WorkflowState
            {
                InstanceId = instance.Id,
                Name = started.ExecutionStarted.Name,
                WorkflowStatus = instance.Status,
                CreatedTimestamp = started.Timestamp,
                LastUpdatedTimestamp = instance.History[^1].Timestamp,
                ExecutionId = instance.ExecutionId,
            };
            if (withPayloads)
            {
                state.Input = started.ExecutionStarted.Input;
                state.Output = instance.Completed?.Result;
                state.CustomStatus = instance.CustomStatus;
                state.FailureDetails = instance.Completed?.FailureDetails;
            }
            return new GetInstanceResponse { Exists = true, WorkflowState = state };
        }
    }
}
