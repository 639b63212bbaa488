using Dapr.Workflow;
using Microsoft.EntityFrameworkCore;
using OneDay.Jobs.Applications;
using OneDay.Jobs.Data;

namespace OneDay.Jobs.Workflows;

/// <summary>
/// The confirmation window closed without the employer completing the work: an undisputed attendance record
/// stands, and the work is completed from it (the wage from the minutes it shows), through the guarded
/// transition, so a re-run or a completion that got in first changes nothing. A disputed record, or one without
/// both times, is left for the employer to correct and complete. Answers what the application now is.
/// </summary>
public sealed class CompleteFromAttendanceActivity(JobsDbContext db, ApplicationLifecycle lifecycle)
    : WorkflowActivity<JobApplicationWorkflowInput, ApplicationStatus?>
{
    public override async Task<ApplicationStatus?> RunAsync(WorkflowActivityContext context, JobApplicationWorkflowInput input)
    {
        using var span = StepSpan.Start("CompletingFromAttendance", input.ApplicationId, input.TraceParent);
        var disputed = await db.Attendance.AsNoTracking().AnyAsync(a => a.ApplicationId == input.ApplicationId && a.DisputedAt != null);
        if (!disputed) await lifecycle.CompleteFromAttendanceAsync(input.ApplicationId, CancellationToken.None);
        return await lifecycle.StatusAsync(input.ApplicationId, CancellationToken.None);
    }
}
