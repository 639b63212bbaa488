using Dapr.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneDay.Jobs.Applications;
using OneDay.Jobs.Attendance;
using OneDay.Jobs.Data;

namespace OneDay.Jobs.Workflows;

/// <summary>
/// The employer has been told: a Pending application becomes Submitted for review (or Accepted at once in
/// Instant mode) through its guarded transition, so a re-run changes nothing. Answers what the
/// application now is and the deadline of the employer's decision. A worker matched after the start (given a no-show's
/// place from the waitlist) has the no-show grace from the match to check in.
/// </summary>
public sealed class SubmitApplicationActivity(
    JobsDbContext db, ApplicationLifecycle lifecycle, IOptions<JobApplicationWorkflowOptions> options, IOptions<AttendanceOptions> attendance)
    : WorkflowActivity<JobApplicationWorkflowInput, Submission>
{
    public override async Task<Submission> RunAsync(WorkflowActivityContext context, JobApplicationWorkflowInput input)
    {
        using var span = StepSpan.Start("Submitting", input.ApplicationId, input.TraceParent);
        await lifecycle.CompleteSubmissionAsync(input.ApplicationId, CancellationToken.None);
        var standing = await db.Applications.AsNoTracking()
            .Where(a => a.Id == input.ApplicationId)
            .Join(db.Jobs, a => a.JobId, j => j.Id, (a, j) => new { a.Status, a.UpdatedAt, j.StartsAt, j.EndsAt })
            .SingleAsync();
        var settings = options.Value;
        return new Submission(standing.Status, standing.StartsAt - settings.DecisionLeadTime, (standing.UpdatedAt > standing.StartsAt ? standing.UpdatedAt : standing.StartsAt) + settings.NoShowGrace,
            standing.EndsAt + attendance.Value.ClosesAfterEnd, settings.AttendanceConfirmationWindow,
            settings.ConfirmationAskedBefore > TimeSpan.Zero ? standing.StartsAt - settings.ConfirmationAskedBefore : null,
            standing.StartsAt - settings.ConfirmationDueBefore,
            settings.ShiftReminderBefore > TimeSpan.Zero ? standing.StartsAt - settings.ShiftReminderBefore : null);
    }
}
