namespace OneDay.Jobs.Workflows;

/// <summary>Where a job-application workflow stands: its custom status, which GET /jobs/applications/{id} shows.</summary>
public enum JobApplicationStep
{
    ConfirmingEligibility,
    NotifyingEmployer,
    /// <summary>Applied to a full job: waiting for a place to reopen, until the waitlist closes (the decision deadline).</summary>
    Waitlisted,
    AwaitingDecision,
    /// <summary>Matched: waiting until the worker is asked to confirm (the day before).</summary>
    AwaitingShiftDay,
    /// <summary>The worker was asked to confirm they will come; waiting until the confirmation is due.</summary>
    AwaitingShiftConfirmation,
    /// <summary>Waiting to remind the worker, shortly before the start, where to go.</summary>
    AwaitingShiftReminder,
    /// <summary>Matched: waiting for the worker to check in, until the start plus the grace.</summary>
    AwaitingCheckIn,
    /// <summary>Checked in: waiting for the check-out, until the latest moment one is taken.</summary>
    AwaitingCheckOut,
    /// <summary>The shift is over: the employer may complete the work or dispute the record until the window closes.</summary>
    AwaitingConfirmation,
    /// <summary>The window closed but the labour contract lacks a signature: waiting for both parties to sign.</summary>
    AwaitingContractSignatures,
    Compensating,
    Finished,
}
