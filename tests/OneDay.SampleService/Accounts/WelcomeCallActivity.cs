using System.Collections.Concurrent;
using Dapr.Workflow;

namespace OneDay.SampleService.Accounts;

/// <summary>Calls the account; counts the calls per account in memory, as the tests host the service in their own process.</summary>
public sealed class WelcomeCallActivity : WorkflowActivity<Guid, int>
{
    public static ConcurrentDictionary<Guid, int> Calls { get; } = new();

    public override Task<int> RunAsync(WorkflowActivityContext context, Guid accountId) => Task.FromResult(Calls.AddOrUpdate(accountId, 1, (_, calls) => calls + 1));
}
