using Dapr.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneDay.Persistence.Outbox;
using OneDay.SampleService.Accounts;
using OneDay.SampleService.Data;
using OneDay.Testing;

namespace OneDay.BuildingBlocks.Tests;

/// <summary>
/// Workflow starts through the outbox: the start is a row in the caller's unit of work, and a start issued
/// again (a row dispatched twice after a crash between the start and its row being marked sent) finds the
/// instance and runs nothing a second time, even after the first run has ended.
/// </summary>
public sealed class OutboxWorkflowStartTests(SampleServiceFixture fixture) : IClassFixture<SampleServiceFixture>
{
    [Fact]
    public async Task A_start_dispatched_twice_runs_its_workflow_once()
    {
        var accountId = Guid.NewGuid();
        var workflows = fixture.Service.Services.GetRequiredService<DaprWorkflowClient>();

        var first = await StartThroughOutboxAsync(accountId);
        await WaitUntilSentAsync(first);
        await Eventually.TrueAsync(async () => (await workflows.GetWorkflowStateAsync(accountId.ToString(), getInputsAndOutputs: false)) is { RuntimeStatus: WorkflowRuntimeStatus.Completed },
            what: "the workflow completing");
        var again = await StartThroughOutboxAsync(accountId);
        await WaitUntilSentAsync(again);

        Assert.Equal(1, WelcomeCallActivity.Calls[accountId]);
        Assert.Equal(WorkflowRuntimeStatus.Completed, (await workflows.GetWorkflowStateAsync(accountId.ToString(), getInputsAndOutputs: false))!.RuntimeStatus);
    }

    /// <summary>Commits a start of the account's workflow as a service would, and returns its outbox row's id.</summary>
    private async Task<Guid> StartThroughOutboxAsync(Guid accountId)
    {
        await using var scope = fixture.Service.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SampleDbContext>();
        scope.ServiceProvider.GetRequiredService<IntegrationEventOutbox<SampleDbContext>>().StartWorkflow(nameof(WelcomeCallWorkflow), accountId.ToString(), accountId);
        var row = db.ChangeTracker.Entries<OutboxMessage>().Single().Entity;
        await db.SaveChangesAsync();
        return row.EventId;
    }

    private Task WaitUntilSentAsync(Guid eventId) => Eventually.TrueAsync(
        () => fixture.QueryAsync(db => db.Set<OutboxMessage>().AnyAsync(m => m.EventId == eventId && m.SentAt != null)),
        what: $"outbox row {eventId} dispatched");
}
