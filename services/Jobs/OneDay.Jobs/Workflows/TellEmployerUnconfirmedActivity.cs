using Dapr.Workflow;
using OneDay.Contracts.Notifications;
using OneDay.Jobs.Applications;

namespace OneDay.Jobs.Workflows;

/// <summary>The worker did not confirm in time: the employer is told, to reach them (or plan without them).</summary>
public sealed class TellEmployerUnconfirmedActivity(ApplicationNotice notice) : WorkflowActivity<JobApplicationWorkflowInput, bool>
{
    public override async Task<bool> RunAsync(WorkflowActivityContext context, JobApplicationWorkflowInput input)
    {
        using var span = StepSpan.Start("TellingEmployerUnconfirmed", input.ApplicationId, input.TraceParent);
        return await notice.SendAsync(input.ApplicationId, ApplicationStatus.Accepted, ApplicationParty.Employer, NotificationKind.ShiftUnconfirmed, "shift-unconfirmed");
    }
}
