using Dapr.Workflow;
using Microsoft.EntityFrameworkCore;
using OneDay.Jobs.Applications;
using OneDay.Jobs.Data;
using OneDay.ServiceDefaults.Sagas;

namespace OneDay.Jobs.Workflows;

/// <summary>
/// The workflow's compensation: the slot (if the application held one) given back, the application ended
/// with the outcome and reason, the applicant told (application-rejected, which notifications delivers).
/// Guarded like every change to an application: an application already ended (the employer decided, the
/// worker cancelled, a re-run) is left as it is. Answers the application's status afterwards (null: there is no such application).
/// A released slot goes to the waitlist, whose promoted application's workflow is told.
/// </summary>
public sealed class CompensateApplicationActivity(
    JobsDbContext db, ApplicationLifecycle lifecycle, JobApplicationWorkflows workflows, ILogger<CompensateApplicationActivity> logger)
    : WorkflowActivity<Compensation, ApplicationStatus?>
{
    public override async Task<ApplicationStatus?> RunAsync(WorkflowActivityContext context, Compensation compensation)
    {
        using var span = StepSpan.Start(nameof(JobApplicationStep.Compensating), compensation.ApplicationId, compensation.TraceParent);
        var change = await lifecycle.CompensateAsync(compensation.ApplicationId, compensation.Outcome, compensation.Reason, CancellationToken.None);
        if (change.Outcome == ApplicationChangeOutcome.Done)
        {
            await workflows.TellPromotedAsync(change, CancellationToken.None);
            if (compensation.FailedStep is { } step) SagaMetrics.RecordFailure(JobApplicationWorkflow.SagaKind, step.ToString());
            logger.LogInformation("application {ApplicationId} {Outcome}, its slot (if it held one) released, applicant told: {Reason}",
                compensation.ApplicationId, compensation.Outcome, compensation.Reason);
            return change.Application!.Status;
        }
        logger.LogInformation("application {ApplicationId}: nothing to compensate: {Refusal}", compensation.ApplicationId, change.Refusal ?? "not found");
        return await db.Applications.Where(a => a.Id == compensation.ApplicationId).Select(a => (ApplicationStatus?)a.Status).SingleOrDefaultAsync();
    }
}
