using System.ComponentModel.DataAnnotations;

namespace OneDay.ServiceDefaults.Workflows;

/// <summary>When an operator is shown a workflow that has not done its work (section "WorkflowOperations").</summary>
public sealed class WorkflowOperationsOptions
{
    public const string Section = "WorkflowOperations";

    /// <summary>
    /// How long past the moment a workflow should have moved its application or payment on (applied, the decision
    /// deadline, confirmed) it is listed as overdue.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan OverdueAfter { get; set; } = TimeSpan.FromMinutes(10);
}
