using System.Diagnostics;
using Dapr.Actors.Runtime;
using OneDay.ServiceDefaults.Telemetry;

namespace OneDay.ServiceDefaults.Sagas;

/// <summary>
/// Hosts one saga per actor, one step per turn: each step runs in the turn of the saga's reminder, which
/// the Dapr cluster keeps across app restarts, so a crash resumes at the saved step. The reminder is
/// re-registered before the state is saved (a crash between the two runs the step again, which steps
/// tolerate) and unregistered when the saga ends. Reminders carry no trace, so each step's span is
/// parented on the trace of the request that began the saga: one request, one trace, across every step.
/// The steps themselves stay plain, engine-independent code behind <see cref="AdvanceAsync"/>.
/// </summary>
public abstract class ReminderDrivenSaga<TState>(ActorHost host, TimeProvider time) : Actor(host), IRemindable
    where TState : class, ISagaState
{
    private const string StateName = "saga";
    private const string ReminderName = "advance";

    protected TimeProvider Time => time;

    /// <summary>How often the reminder fires while the saga waits: a safety net should one firing be lost.</summary>
    protected abstract TimeSpan Heartbeat { get; }

    /// <summary>Runs the step <paramref name="state"/> names and returns the state after it.</summary>
    protected abstract Task<TState> AdvanceAsync(TState state);

    protected async Task<TState?> LoadAsync()
    {
        var saved = await StateManager.TryGetStateAsync<TState>(StateName);
        return saved.HasValue ? saved.Value : null;
    }

    /// <summary>Begins the saga unless it already has: calls to an actor may be retried.</summary>
    protected async Task BeginAsync(Func<string?, TState> begin)
    {
        if (await LoadAsync() is not null) return;
        await ContinueWithAsync(begin(Activity.Current?.Id));
    }

    /// <summary>Saves <paramref name="state"/> (at the end of the turn) and has its step run when due.</summary>
    protected async Task ContinueWithAsync(TState state)
    {
        var due = state.NotBefore - time.GetUtcNow();
        await RegisterReminderAsync(ReminderName, [], due > TimeSpan.Zero ? due : TimeSpan.Zero, Heartbeat);
        await StateManager.SetStateAsync(StateName, state);
    }

    public async Task ReceiveReminderAsync(string reminderName, byte[] state, TimeSpan dueTime, TimeSpan period)
    {
        var saved = await LoadAsync();
        if (saved is null || saved.IsFinished)
        {
            await UnregisterReminderAsync(ReminderName);
            return;
        }
        if (saved.NotBefore > time.GetUtcNow()) return;

        TState next;
        using (var step = OneDayTelemetry.Source.StartActivity($"{GetType().Name} {saved.StepName}", ActivityKind.Internal,
                   ActivityContext.TryParse(saved.TraceParent, null, out var parent) ? parent : default))
        {
            step?.SetTag("oneday.saga.id", Id.GetId());
            next = await AdvanceAsync(saved);
        }
        if (next.IsFinished)
        {
            await StateManager.SetStateAsync(StateName, next);
            await StateManager.SaveStateAsync();
            await UnregisterReminderAsync(ReminderName);
            return;
        }
        await ContinueWithAsync(next);
    }
}
