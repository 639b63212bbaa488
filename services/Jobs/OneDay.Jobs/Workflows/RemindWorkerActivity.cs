using Dapr.Workflow;
using OneDay.Contracts.Notifications;
using OneDay.Jobs.Applications;

namespace OneDay.Jobs.Workflows;

/// <summary>Shortly before the start: reminds the matched worker when and where, and to check in there; throws when notifications does not take it.</summary>
public sealed class RemindWorkerActivity(ApplicationNotice notice) : WorkflowActivity<JobApplicationWorkflowInput, bool>
{
    public override async Task<bool> RunAsync(WorkflowActivityContext context, JobApplicationWorkflowInput input)
    {
        using var span = StepSpan.Start("RemindingWorker", input.ApplicationId, input.TraceParent);
        return await notice.SendAsync(input.ApplicationId, ApplicationStatus.Accepted, ApplicationParty.Worker, NotificationKind.ShiftReminder, "shift-reminder");
    }
}
