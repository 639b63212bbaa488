using Dapr.Workflow;
using Microsoft.EntityFrameworkCore;
using OneDay.Contracts.Users;
using OneDay.Jobs.Clients;
using OneDay.Jobs.Data;

namespace OneDay.Jobs.Workflows;

/// <summary>Asks users whether the applicant may take work; throws when users cannot answer (the workflow retries).</summary>
public sealed class ConfirmEligibilityActivity(JobsDbContext db, IUserEligibility users) : WorkflowActivity<JobApplicationWorkflowInput, ApplicantEligibility>
{
    public override async Task<ApplicantEligibility> RunAsync(WorkflowActivityContext context, JobApplicationWorkflowInput input)
    {
        using var span = StepSpan.Start(nameof(JobApplicationStep.ConfirmingEligibility), input.ApplicationId, input.TraceParent);
        var worker = await db.Applications.Where(a => a.Id == input.ApplicationId).Select(a => (Guid?)a.WorkerId).SingleOrDefaultAsync();
        // An application that is gone has no applicant to ask about; compensating it then finds nothing to do.
        return worker is null ? new ApplicantEligibility(Guid.Empty, false, [IneligibilityReason.NotFound]) : await users.CheckAsync(worker.Value, CancellationToken.None);
    }
}
