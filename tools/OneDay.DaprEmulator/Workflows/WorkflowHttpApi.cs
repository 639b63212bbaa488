using System.Text;
using Dapr.DurableTask.Protobuf;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OneDay.DaprEmulator.Hosting;
using OneDay.DaprEmulator.Http;
using GetWorkflowResponse = Dapr.Client.Autogen.Grpc.v1.GetWorkflowResponse;
using StartWorkflowResponse = Dapr.Client.Autogen.Grpc.v1.StartWorkflowResponse;

namespace OneDay.DaprEmulator.Workflows;

/// <summary>
/// daprd's workflow HTTP API over the sidecar's engine (docs/dapr-workflow.md W.6.2). Unlike the SDK's gRPC
/// calls, these only enqueue: start, pause, resume and terminate answer without waiting for a turn.
/// </summary>
public static class WorkflowHttpApi
{
    private const int MaxInstanceIdBytes = 64;

    // The text durabletask-go's ErrInstanceNotFound ends daprd's error messages with.
    private const string NoSuchInstance = "no such instance exists";

    // What a pending instance reports as its times: Go's zero time.Time (docs/dapr-workflow.md W.6.2).
    private static readonly Timestamp GoZeroTime = Timestamp.FromDateTime(DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc));

    public static void MapWorkflowHttpApi(this IEndpointRouteBuilder app, Sidecar sidecar)
    {
        var engine = sidecar.Workflows;
        foreach (var version in (string[])["v1.0", "v1.0-beta1", "v1.0-alpha1"])
        {
            // daprd never reads the component segment: every name reaches its one engine.
            var workflows = app.MapGroup($"/{version}/workflows/{{component}}");
            workflows.MapPost("/{name}/start", (HttpContext context, string name) => StartAsync(engine, context, name));
            workflows.MapGet("/{instanceId}", (string instanceId, CancellationToken cancellationToken) => GetAsync(engine, instanceId, cancellationToken));
            workflows.MapPost("/{instanceId}/raiseEvent/{eventName}", async (HttpContext context, string instanceId, string eventName) =>
                await engine.RaiseEventAsync(new RaiseEventRequest { InstanceId = instanceId, Name = eventName, Input = await ReadBodyAsync(context) }, context.RequestAborted)
                    ? Accepted()
                    : throw Failed("ERR_RAISE_EVENT_WORKFLOW", $"error raising event on workflow '{instanceId}': failed to raise event {eventName} on workflow {instanceId}: failed to raise event: {NoSuchInstance}"));
            workflows.MapPost("/{instanceId}/pause", async (string instanceId, CancellationToken cancellationToken) =>
                await engine.SignalAsync(instanceId, engine.Event(suspended: new()), cancellationToken)
                    ? Accepted()
                    : throw Failed("ERR_PAUSE_WORKFLOW", $"error pausing workflow {instanceId}: failed to pause workflow {instanceId}: failed to suspend orchestration: {NoSuchInstance}"));
            workflows.MapPost("/{instanceId}/resume", async (string instanceId, CancellationToken cancellationToken) =>
                await engine.SignalAsync(instanceId, engine.Event(resumed: new()), cancellationToken)
                    ? Accepted()
                    : throw Failed("ERR_RESUME_WORKFLOW", $"error resuming workflow {instanceId}: failed to resume workflow {instanceId}: failed to resume orchestration: {NoSuchInstance}"));
            workflows.MapPost("/{instanceId}/terminate", async (string instanceId, CancellationToken cancellationToken) =>
                await engine.SignalAsync(instanceId, engine.Event(terminated: new() { Recurse = true }), cancellationToken) ? Accepted() : throw NotFound(instanceId));
            workflows.MapPost("/{instanceId}/purge", (string instanceId, CancellationToken cancellationToken) => PurgeAsync(engine, instanceId, cancellationToken));
        }
    }

    private static async Task<IResult> StartAsync(WorkflowEngine engine, HttpContext context, string name)
    {
        // Go's url.Values: the key is case-sensitive; an empty one means "make one up".
        var id = context.Request.Query.FirstOrDefault(q => q.Key == "instanceID").Value.ToString();
        if (id.Length == 0) id = Guid.NewGuid().ToString();
        ValidateNewInstanceId(id);
        var input = await ReadBodyAsync(context).ConfigureAwait(false);
        try
        {
            await engine.ScheduleAsync(new CreateInstanceRequest { InstanceId = id, Name = name, Input = input }, context.RequestAborted).ConfigureAwait(false);
        }
        catch (InvalidOperationException e)
        {
            throw Failed("ERR_START_WORKFLOW", $"error starting workflow '{name}': unable to start workflow: failed to start orchestration: {e.Message}");
        }
        return Proto(new StartWorkflowResponse { InstanceId = id }, StatusCodes.Status202Accepted);
    }

    /// <summary>Only new ids are checked: up to 64 bytes of letters, digits, '-' and '_' in any script (Go's len, unicode.IsLetter/IsDigit).</summary>
    private static void ValidateNewInstanceId(string id)
    {
        if (Encoding.UTF8.GetByteCount(id) > MaxInstanceIdBytes)
            throw new DaprApiException(400, StatusCode.InvalidArgument, "ERR_INSTANCE_ID_TOO_LONG", $"workflow instance ID exceeds the max length of {MaxInstanceIdBytes} characters");
        if (id.EnumerateRunes().Any(c => !Rune.IsLetter(c) && !Rune.IsDigit(c) && c.Value is not ('-' or '_')))
            throw new DaprApiException(400, StatusCode.InvalidArgument, "ERR_INSTANCE_ID_INVALID", $"workflow instance ID '{id}' is invalid: only alphanumeric and underscore characters are allowed");
    }

    private static async Task<IResult> GetAsync(WorkflowEngine engine, string id, CancellationToken cancellationToken)
    {
        var instance = await engine.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (TaskHubService.Describe(instance, withPayloads: true).WorkflowState is not { } state) throw NotFound(id);
        var response = new GetWorkflowResponse
        {
            InstanceId = id,
            WorkflowName = state.Name,
            CreatedAt = state.CreatedTimestamp ?? GoZeroTime,
            LastUpdatedAt = state.LastUpdatedTimestamp ?? GoZeroTime,
            RuntimeStatus = StatusName(state.WorkflowStatus),
        };
        if (state.CustomStatus is { } customStatus) response.Properties["dapr.workflow.custom_status"] = customStatus;
        if (state.Input is { } input) response.Properties["dapr.workflow.input"] = input;
        if (state.Output is { } output) response.Properties["dapr.workflow.output"] = output;
        if (state.FailureDetails is { } failure)
        {
            response.Properties["dapr.workflow.failure.error_type"] = failure.ErrorType;
            response.Properties["dapr.workflow.failure.error_message"] = failure.ErrorMessage;
        }
        return Proto(response, StatusCodes.Status200OK);
    }

    private static string StatusName(OrchestrationStatus status) => status switch
    {
        OrchestrationStatus.Running => "RUNNING",
        OrchestrationStatus.Completed => "COMPLETED",
        OrchestrationStatus.ContinuedAsNew => "CONTINUED_AS_NEW",
        OrchestrationStatus.Failed => "FAILED",
        OrchestrationStatus.Canceled => "CANCELED",
        OrchestrationStatus.Terminated => "TERMINATED",
        OrchestrationStatus.Pending => "PENDING",
        OrchestrationStatus.Suspended => "SUSPENDED",
        // daprd 1.16 has no name for STALLED.
        _ => "UNKNOWN",
    };

    private static async Task<IResult> PurgeAsync(WorkflowEngine engine, string id, CancellationToken cancellationToken)
    {
        try
        {
            await engine.PurgeAsync(id, recursive: true, cancellationToken).ConfigureAwait(false);
            return Accepted();
        }
        catch (KeyNotFoundException)
        {
            throw NotFound(id);
        }
        catch (InvalidOperationException e)
        {
            throw Failed("ERR_PURGE_WORKFLOW", $"error purging workflow {id}: failed to Purge workflow {id}: failed to purge orchestration state: {e.Message}");
        }
    }

    private static async Task<string> ReadBodyAsync(HttpContext context) =>
        Encoding.UTF8.GetString(await HttpForwarding.ReadBodyAsync(context.Request, context.RequestAborted).ConfigureAwait(false));

    private static IResult Proto(IMessage message, int status) => Json(JsonFormatter.Default.Format(message), status);

    // daprd writes its answers with protojson, so even the empty one has a body (google.protobuf.Empty).
    private static IResult Accepted() => Json("{}", StatusCodes.Status202Accepted);

    private static IResult Json(string json, int status) => Results.Content(json, "application/json", Encoding.UTF8, status);

    private static DaprApiException NotFound(string id) =>
        new(404, StatusCode.NotFound, "ERR_INSTANCE_ID_NOT_FOUND", $"unable to find workflow with the provided instance ID: {id}");

    private static DaprApiException Failed(string errorCode, string message) => new(500, StatusCode.Internal, errorCode, message);
}
