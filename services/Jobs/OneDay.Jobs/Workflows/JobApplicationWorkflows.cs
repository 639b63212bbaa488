using System.Diagnostics;
using Dapr;
using Dapr.Workflow;
using Grpc.Core;
using Microsoft.Extensions.Options;
using OneDay.Jobs.Applications;
using OneDay.Jobs.Data;
using OneDay.Persistence.Outbox;

namespace OneDay.Jobs.Workflows;

/// <summary>What the rest of jobs does with an application's workflow: start it, tell it of a decision, ask where it stands.</summary>
public sealed class JobApplicationWorkflows(
    DaprWorkflowClient workflows,
    IOptions<JobApplicationWorkflowOptions> options,
    IOptions<WaitlistOptions> waitlist,
    ILogger<JobApplicationWorkflows> logger)
{
    /// <summary>
    /// Has the outbox start the application's workflow once the caller's unit of work commits, so a
    /// recorded application always gets its workflow, even if this process dies right after the commit. A waitlisted
    /// application's workflow waits for a place until the waitlist closes, after <paramref name="jobStartsAt"/>.
    /// </summary>
    public void StartOnCommit(IntegrationEventOutbox<JobsDbContext> outbox, Application application, DateTimeOffset jobStartsAt)
    {
        var settings = options.Value;
        outbox.StartWorkflow(nameof(JobApplicationWorkflow), application.Id.ToString(), new JobApplicationWorkflowInput(
            application.Id, Activity.Current?.IdFormat == ActivityIdFormat.W3C ? Activity.Current.Id : null,
            settings.StepAttempts, settings.RetryDelay, settings.MaxRetryDelay, application.AppliedAt,
            application.Status == ApplicationStatus.Waitlisted ? waitlist.Value.ClosesAt(jobStartsAt) : null));
    }

    /// <summary>
    /// Tells the workflow what a committed decision made of the application, so one waiting for it ends now, and the
    /// workflows of the waitlisted applications the change gave a place to that they have it (a promotion is their decision).
    /// Best effort: a workflow not told still ends at its decision deadline (a waitlisted one when its waitlist closes),
    /// finding the application decided.
    /// </summary>
    public async Task TellDecisionAsync(ApplicationChange change, CancellationToken cancellationToken)
    {
        if (change.Outcome != ApplicationChangeOutcome.Done) return;
        await TellDecisionAsync(change.Application!, cancellationToken);
        await TellPromotedAsync(change, cancellationToken);
    }

    /// <summary>Tells only the promoted applications' workflows (a workflow's own step made the change and reads its outcome).</summary>
    public async Task TellPromotedAsync(ApplicationChange change, CancellationToken cancellationToken)
    {
        foreach (var promoted in change.Promoted) await TellDecisionAsync(promoted, cancellationToken);
    }

    /// <summary>Tells the workflow what a committed change made of <paramref name="application"/>.</summary>
    public Task TellDecisionAsync(Application application, CancellationToken cancellationToken) =>
        RaiseAsync(application.Id, ApplicationDecided.EventName, new ApplicationDecided(application.Status), cancellationToken);

    /// <summary>
    /// Tells the workflow the matched worker checked in (by scan or by the employer's hand). Best effort: a
    /// workflow not told finds the check-in in the record when its no-show timer fires, and leaves the application be.
    /// </summary>
    public Task TellCheckedInAsync(Guid applicationId, CancellationToken cancellationToken) =>
        RaiseAsync(applicationId, ShiftCheckedIn.EventName, new ShiftCheckedIn(), cancellationToken);

    /// <summary>Tells the workflow the worker confirmed they will come. Best effort: untold, the employer may hear they did not.</summary>
    public Task TellShiftConfirmedAsync(Guid applicationId, CancellationToken cancellationToken) =>
        RaiseAsync(applicationId, ShiftConfirmed.EventName, new ShiftConfirmed(), cancellationToken);

    /// <summary>Tells the workflow the worker checked out. Best effort: a workflow not told moves on when check-outs close.</summary>
    public Task TellCheckedOutAsync(Guid applicationId, CancellationToken cancellationToken) =>
        RaiseAsync(applicationId, ShiftCheckedOut.EventName, new ShiftCheckedOut(), cancellationToken);

    /// <summary>Tells the workflow both parties signed the contract. Best effort: untold, it waits on until a decision ends it.</summary>
    public Task TellContractSignedAsync(Guid applicationId, CancellationToken cancellationToken) =>
        RaiseAsync(applicationId, ContractSigned.EventName, new ContractSigned(), cancellationToken);

    private async Task RaiseAsync<TEvent>(Guid applicationId, string eventName, TEvent payload, CancellationToken cancellationToken)
    {
        try
        {
            await workflows.RaiseEventAsync(applicationId.ToString(), eventName, payload, cancellationToken);
        }
        catch (Exception ex) when (ex is RpcException or DaprException or HttpRequestException)
        {
            logger.LogWarning("the workflow of application {ApplicationId} was not told of {Event}; its timer settles it: {Error}",
                applicationId, eventName, ex.Message);
        }
    }

    /// <summary>Where the application's workflow stands; null when it has not started yet or the sidecar cannot say.</summary>
    public async Task<JobApplicationWorkflowView?> ViewAsync(Guid applicationId, CancellationToken cancellationToken)
    {
        try
        {
            // The custom status comes only with the payloads (as daprd answers too).
            var state = await workflows.GetWorkflowStateAsync(applicationId.ToString(), getInputsAndOutputs: true, cancellationToken);
            if (state is not { Exists: true }) return null;
            var progress = state.ReadCustomStatusAs<JobApplicationProgress>();
            return new JobApplicationWorkflowView(state.RuntimeStatus, progress?.Step, progress?.DecisionDeadline, progress?.ShiftDeadline);
        }
        catch (Exception ex) when (ex is RpcException or DaprException or HttpRequestException)
        {
            logger.LogWarning("where the workflow of application {ApplicationId} stands is unknown: {Error}", applicationId, ex.Message);
            return null;
        }
    }
}
