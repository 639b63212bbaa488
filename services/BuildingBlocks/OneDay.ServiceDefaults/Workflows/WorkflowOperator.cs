using System.Text.Json;
using Dapr.Workflow;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OneDay.ServiceDefaults.Configuration;
using OneDay.ServiceDefaults.Errors;

namespace OneDay.ServiceDefaults.Workflows;

/// <summary>
/// An Admin's hands on a service's workflows, through its sidecar: where an instance stands, start it again from
/// the beginning with the input it started with, or terminate it. Dapr's workflow API cannot list instances, so
/// each service picks the instances from its own database (the applications or payments not yet settled) and asks
/// here about each (README, "Operating workflows").
/// </summary>
public sealed class WorkflowOperator(DaprWorkflowClient workflows)
{
    /// <summary>The instance's standing; null when the sidecar has none under that id.</summary>
    public async Task<WorkflowStanding<TStep>?> ReadAsync<TStep>(string instanceId, CancellationToken cancellationToken)
    {
        var state = await workflows.GetWorkflowStateAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        return state is { Exists: true } ? Standing<TStep>(instanceId, state) : null;
    }

    private static WorkflowStanding<TStep> Standing<TStep>(string instanceId, WorkflowState state) => new(
        instanceId, state.RuntimeStatus, state.CreatedAt, state.LastUpdatedAt, state.ReadCustomStatusAs<TStep>(), state.FailureDetails?.ErrorMessage);

    /// <summary>
    /// Runs an ended instance again from its start, under the same id and with the same input. Safe because every
    /// activity of OneDay's workflows finds its work already done and does nothing twice; refused while the
    /// instance is still active (terminate it first), or when there is no instance to take the input from.
    /// </summary>
    public async Task<Results<Accepted<WorkflowStanding<TStep>>, ProblemHttpResult>> RetryAsync<TStep>(string name, string instanceId, CancellationToken cancellationToken)
    {
        var state = await workflows.GetWorkflowStateAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        if (state is not { Exists: true }) return ApiProblems.Conflict($"워크플로 {instanceId}이(가) 없어 다시 실행할 수 없습니다.");
        if (Standing<TStep>(instanceId, state) is { IsActive: true } active)
            return ApiProblems.Conflict($"워크플로가 아직 실행 중입니다 ({active.RuntimeStatus}). 먼저 종료하세요.");
        try
        {
            // A terminal instance's id may be used again (daprd's createIfCompleted): the new run replaces its history.
            await workflows.ScheduleNewWorkflowAsync(name, instanceId, state.ReadInputAs<JsonElement?>(), null, cancellationToken);
        }
        catch (RpcException ex) when (ex.Status.Detail.Contains("already exists", StringComparison.Ordinal))
        {
            return ApiProblems.Conflict("다른 요청이 이미 워크플로를 다시 시작했습니다.");
        }
        return TypedResults.Accepted((string?)null, (await ReadAsync<TStep>(instanceId, cancellationToken))!);
    }

    /// <summary>Terminates an active instance (and its children); what it had done stays done.</summary>
    public async Task<Results<Ok<WorkflowStanding<TStep>>, ProblemHttpResult>> TerminateAsync<TStep>(string instanceId, CancellationToken cancellationToken)
    {
        var standing = await ReadAsync<TStep>(instanceId, cancellationToken);
        if (standing is null) return ApiProblems.Conflict($"워크플로 {instanceId}이(가) 없습니다.");
        if (!standing.IsActive) return ApiProblems.Conflict($"워크플로가 이미 끝났습니다 ({standing.RuntimeStatus}).");
        await workflows.TerminateWorkflowAsync(instanceId, "terminated by an operator", cancellationToken);
        return TypedResults.Ok((await ReadAsync<TStep>(instanceId, cancellationToken))!);
    }
}

public static class WorkflowOperatorExtensions
{
    /// <summary>Registers <see cref="WorkflowOperator"/> and its options (after AddDaprWorkflow, which provides the client).</summary>
    public static IHostApplicationBuilder AddWorkflowOperations(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<WorkflowOperationsOptions>(WorkflowOperationsOptions.Section);
        builder.Services.AddSingleton<WorkflowOperator>();
        return builder;
    }
}
