using Dapr.Workflow;

namespace OneDay.SampleService.Accounts;

/// <summary>
/// A workflow the building-block tests start through the outbox (instance id = account id): one call to a
/// new account, so a test can count how often an instance really ran.
/// </summary>
public sealed class WelcomeCallWorkflow : Workflow<Guid, int>
{
    public override Task<int> RunAsync(WorkflowContext context, Guid accountId) => context.CallActivityAsync<int>(nameof(WelcomeCallActivity), accountId);
}
