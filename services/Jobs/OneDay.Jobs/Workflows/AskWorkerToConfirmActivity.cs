using Dapr.Workflow;
using OneDay.Contracts.Notifications;
using OneDay.Jobs.Applications;

namespace OneDay.Jobs.Workflows;

/// <summary>The day before: asks the matched worker to confirm they will come, with when and where; throws when notifications does not take it.</summary>
public sealed class AskWorkerToConfirmActivity(ApplicationNotice notice) : WorkflowActivity<JobApplicationWorkflowInput, bool>
{
    public override async Task<bool> RunAsync(WorkflowActivityContext context, JobApplicationWorkflowInput input)
    {
        using var span = StepSpan.Start("AskingWorkerToConfirm", input.ApplicationId, input.TraceParent);
        return await notice.SendAsync(input.ApplicationId, ApplicationStatus.Accepted, ApplicationParty.Worker, NotificationKind.ShiftConfirmationRequest, "shift-confirmation-request");
    }
}
