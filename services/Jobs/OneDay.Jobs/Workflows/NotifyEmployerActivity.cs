using Dapr.Workflow;
using OneDay.Contracts.Notifications;
using OneDay.Jobs.Applications;

namespace OneDay.Jobs.Workflows;

/// <summary>
/// Tells the employer of a Pending application through notifications: the only road by which the employer
/// hears of it (no event repeats it). Throws when notifications does not take it (the workflow retries). An
/// application no longer Pending (the worker cancelled) is not announced: false. A waitlisted application is announced
/// once promoted to the employer's review (Submitted); promoted in Instant mode, the employer hears of the match instead.
/// </summary>
public sealed class NotifyEmployerActivity(ApplicationNotice notice) : WorkflowActivity<JobApplicationWorkflowInput, bool>
{
    public override async Task<bool> RunAsync(WorkflowActivityContext context, JobApplicationWorkflowInput input)
    {
        using var span = StepSpan.Start(nameof(JobApplicationStep.NotifyingEmployer), input.ApplicationId, input.TraceParent);
        return await notice.SendAsync(input.ApplicationId, input.WaitlistClosesAt is null ? ApplicationStatus.Pending : ApplicationStatus.Submitted, ApplicationParty.Employer, NotificationKind.ApplicationSubmitted, "application-submitted");
    }
}
