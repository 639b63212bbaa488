using Dapr.Workflow;
using Microsoft.Extensions.Options;
using OneDay.Jobs.Applications;

namespace OneDay.Jobs.Workflows;

/// <summary>
/// The worker did not confirm by the due time: with Waitlist:OfferOnwardWhenUnconfirmed on and someone waitlisted, the
/// place goes to the first of them (the application cancelled, the promoted one's workflow told). Answers what the
/// application now is: still Accepted when the setting is off, nobody waits, or the worker confirmed after all.
/// </summary>
public sealed class OfferPlaceOnwardActivity(ApplicationLifecycle lifecycle, JobApplicationWorkflows workflows, IOptions<WaitlistOptions> waitlist)
    : WorkflowActivity<JobApplicationWorkflowInput, ApplicationStatus?>
{
    public override async Task<ApplicationStatus?> RunAsync(WorkflowActivityContext context, JobApplicationWorkflowInput input)
    {
        using var span = StepSpan.Start("OfferingPlaceOnward", input.ApplicationId, input.TraceParent);
        if (waitlist.Value.OfferOnwardWhenUnconfirmed)
        {
            await workflows.TellPromotedAsync(await lifecycle.OfferUnconfirmedPlaceOnwardAsync(input.ApplicationId, CancellationToken.None), CancellationToken.None);
        }
        return await lifecycle.StatusAsync(input.ApplicationId, CancellationToken.None);
    }
}
