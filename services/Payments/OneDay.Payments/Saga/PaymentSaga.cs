using Dapr.Actors.Runtime;
using Microsoft.Extensions.Options;

namespace OneDay.Payments.Saga;

/// <summary>
/// Hosts one <see cref="PaymentProcess"/> per payment. One step per turn, each in the turn of the saga's
/// reminder, which outlives app restarts, so a crash resumes at the saved step. The reminder is
/// re-registered before the state is saved (a crash between the two re-runs the step, which steps
/// tolerate) and unregistered when the saga ends.
/// </summary>
public sealed class PaymentSaga(
    ActorHost host,
    IServiceScopeFactory scopes,
    IOptions<PaymentSagaOptions> options,
    TimeProvider time) : Actor(host), IPaymentSaga, IRemindable
{
    private const string StateName = "saga";
    private const string ReminderName = "advance";

    public async Task StartAsync()
    {
        if ((await StateManager.TryGetStateAsync<PaymentSagaState>(StateName)).HasValue) return;
        var state = PaymentSagaState.Begin(Guid.Parse(Id.GetId()), time.GetUtcNow());
        await ScheduleAsync(state);
        await StateManager.SetStateAsync(StateName, state);
    }

    public async Task RefundAsync(string reason)
    {
        var saved = await StateManager.TryGetStateAsync<PaymentSagaState>(StateName);
        if (!saved.HasValue || saved.Value.Step != PaymentSagaStep.Finished || saved.Value.RefundReason is not null) return;
        var state = saved.Value.BeginRefund(reason, time.GetUtcNow());
        await ScheduleAsync(state);
        await StateManager.SetStateAsync(StateName, state);
    }

    public async Task<PaymentSagaState?> GetStateAsync()
    {
        var state = await StateManager.TryGetStateAsync<PaymentSagaState>(StateName);
        return state.HasValue ? state.Value : null;
    }

    public async Task ReceiveReminderAsync(string reminderName, byte[] state, TimeSpan dueTime, TimeSpan period)
    {
        var saved = await StateManager.TryGetStateAsync<PaymentSagaState>(StateName);
        if (!saved.HasValue || saved.Value.Step == PaymentSagaStep.Finished)
        {
            await UnregisterReminderAsync(ReminderName);
            return;
        }
        if (saved.Value.NotBefore > time.GetUtcNow()) return;

        await using var scope = scopes.CreateAsyncScope();
        var next = await scope.ServiceProvider.GetRequiredService<PaymentProcess>().AdvanceAsync(saved.Value, CancellationToken.None);
        if (next.Step == PaymentSagaStep.Finished)
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
    private async Task ScheduleAsync(PaymentSagaState state)
    {
        var due = state.NotBefore - time.GetUtcNow();
        await RegisterReminderAsync(ReminderName, [], due > TimeSpan.Zero ? due : TimeSpan.Zero, options.Value.Heartbeat);
    }
}
