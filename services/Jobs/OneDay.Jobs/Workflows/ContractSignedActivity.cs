using Dapr.Workflow;
using OneDay.Jobs.LabourContracts;

namespace OneDay.Jobs.Workflows;

/// <summary>Whether both parties have signed the match's contract in force: the workflow completes the work only then.</summary>
public sealed class ContractSignedActivity(LabourContractRegister contracts) : WorkflowActivity<JobApplicationWorkflowInput, bool>
{
    public override async Task<bool> RunAsync(WorkflowActivityContext context, JobApplicationWorkflowInput input)
    {
        using var span = StepSpan.Start("CheckingContractSignatures", input.ApplicationId, input.TraceParent);
        return await contracts.IsSignedByBothAsync(input.ApplicationId, CancellationToken.None);
    }
}
