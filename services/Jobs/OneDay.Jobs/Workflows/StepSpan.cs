using System.Diagnostics;
using OneDay.ServiceDefaults.Telemetry;

namespace OneDay.Jobs.Workflows;

/// <summary>
/// An activity's span, parented on the trace of the request that recorded the application: the workflow
/// engine carries no trace of its own here, and the apply request should read as one trace from the
/// gateway through users and notifications.
/// </summary>
internal static class StepSpan
{
    public static Activity? Start(string step, Guid applicationId, string? traceParent)
    {
        var span = OneDayTelemetry.Source.StartActivity($"{nameof(JobApplicationWorkflow)} {step}", ActivityKind.Internal,
            ActivityContext.TryParse(traceParent, null, out var parent) ? parent : default);
        span?.SetTag("oneday.application.id", applicationId);
        return span;
    }
}
