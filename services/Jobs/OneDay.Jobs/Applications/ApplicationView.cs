using System.ComponentModel.DataAnnotations;
using OneDay.Jobs.Reliability;
using OneDay.Jobs.Workflows;

namespace OneDay.Jobs.Applications;

/// <summary>An application as its worker and employer see it; <see cref="Workflow"/> (on a single application only) says where its workflow stands.</summary>
public sealed record ApplicationView(
    Guid Id,
    Guid JobId,
    Guid WorkerId,
    Guid EmployerId,
    ApplicationStatus Status,
    string? Reason,
    int? MinutesWorked,
    DateTimeOffset AppliedAt,
    DateTimeOffset UpdatedAt,
    long CancellationPayKrw,
    DateTimeOffset? CancellationPaidAt,
    JobApplicationWorkflowView? Workflow = null,
    WorkerSummary? Applicant = null)
{
    public static ApplicationView Of(Application application) => new(
        application.Id, application.JobId, application.WorkerId, application.EmployerId, application.Status,
        application.Reason, application.MinutesWorked, application.AppliedAt, application.UpdatedAt,
        application.CancellationPayKrw, application.CancellationPaidAt);
}

public sealed record RejectApplication([property: StringLength(200)] string? Reason);

/// <summary>The employer's reason for letting a matched worker go, which the worker is told (the worker's own cancellation needs none).</summary>
public sealed record CancelApplication([property: StringLength(200)] string? Reason);

/// <summary>
/// The employer's record of the work done; payments charges hourly wages by the minutes worked, which come
/// from the attendance record when the worker checked in and out (then they may be left out, and if given must match).
/// </summary>
public sealed record CompleteWork([property: Range(1, 24 * 60)] int? MinutesWorked);
