using Dapr.Actors.Runtime;
using Microsoft.Extensions.Options;

namespace OneDay.Jobs.Saga;

/// <summary>
/// Hosts one <see cref="JobApplicationProcess"/> per application. One step per turn: each step runs in
/// the turn of the saga's reminder, which the cluster keeps across app restarts, so a crash resumes at
/// the saved step. The reminder is re-registered before the state is saved (a crash between the two
/// runs the step again, which steps tolerate) and unregistered when the saga ends.
/// </summary>
public sealed class JobApplicationSaga(
    ActorHost host,
    IServiceScopeFactory scopes,
    IOptions<JobApplicationSagaOptions> options,
    TimeProvider time) : Actor(host), IJobApplicationSaga, IRemindable
{
    private const string StateName = "saga";
    private const string ReminderName = "advance";

    public async Task StartAsync()
    {
        if ((await StateManager.TryGetStateAsync<SagaState>(StateName)).HasValue) return;
        var state = SagaState.Begin(Guid.Parse(Id.GetId()), time.GetUtcNow());
        await ScheduleAsync(state);
        await StateManager.SetStateAsync(StateName, state);
    }

    public async Task WakeAsync()
    {
        var saved = await StateManager.TryGetStateAsync<SagaState>(StateName);
        if (!saved.HasValue || saved.Value.Step == SagaStep.Finished) return;
        var now = saved.Value with { NotBefore = time.GetUtcNow() };
        await ScheduleAsync(now);
        await StateManager.SetStateAsync(StateName, now);
    }

    public async Task<SagaState?> GetStateAsync()
    {
        var state = await StateManager.TryGetStateAsync<SagaState>(StateName);
        return state.HasValue ? state.Value : null;
    }

    public async Task ReceiveReminderAsync(string reminderName, byte[] state, TimeSpan dueTime, TimeSpan period)
    {
        var saved = await StateManager.TryGetStateAsync<SagaState>(StateName);
        if (!saved.HasValue || saved.Value.Step == SagaStep.Finished)
        {
            await UnregisterReminderAsync(ReminderName);
            return;
        }
        if (saved.Value.NotBefore > time.GetUtcNow()) return;

        await using var scope = scopes.CreateAsyncScope();
        var next = await scope.ServiceProvider.GetRequiredService<JobApplicationProcess>().AdvanceAsync(saved.Value, CancellationToken.None);
        if (next.Step == SagaStep.Finished)
        {
            await StateManager.SetStateAsync(StateName, next);
            await StateManager.SaveStateAsync();
            await UnregisterReminderAsync(ReminderName);
            return;
        }
        await ScheduleAsync(next);
        await StateManager.SetStateAsync(StateName, next);
    }

    /// <summary>The reminder fires when the next step is due, then every heartbeat until the step has run.</summary>
    private async Task ScheduleAsync(SagaState state)
    {
        var due = state.NotBefore - time.GetUtcNow();
        await RegisterReminderAsync(ReminderName, [], due > TimeSpan.Zero ? due : TimeSpan.Zero, options.Value.Heartbeat);
    }
}
