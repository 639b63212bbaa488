using System.Text;
using Dapr.Actors;
using Dapr.Actors.Runtime;
using OneDay.DaprEmulator.Tests.Infrastructure;

namespace OneDay.DaprEmulator.Tests.TestApp;

public interface IReminderActor : IActor
{
    Task RemindAsync(string name, int dueMilliseconds, int periodMilliseconds, string payload);

    Task RemindRepeatedlyAsync(string name, int dueMilliseconds, int periodMilliseconds, int repetitions);

    Task ForgetAsync(string name);

    Task<bool> HasReminderAsync(string name);

    Task TickAsync(string name, int dueMilliseconds, int periodMilliseconds);
}

public sealed class ReminderActor(ActorHost host, EventRecorder recorder) : Actor(host), IReminderActor, IRemindable
{
    public Task RemindAsync(string name, int dueMilliseconds, int periodMilliseconds, string payload) =>
        RegisterReminderAsync(name, Encoding.UTF8.GetBytes(payload), TimeSpan.FromMilliseconds(dueMilliseconds),
            periodMilliseconds <= 0 ? TimeSpan.FromMilliseconds(-1) : TimeSpan.FromMilliseconds(periodMilliseconds));

    public Task RemindRepeatedlyAsync(string name, int dueMilliseconds, int periodMilliseconds, int repetitions) =>
        RegisterReminderAsync(name, [], TimeSpan.FromMilliseconds(dueMilliseconds), TimeSpan.FromMilliseconds(periodMilliseconds), repetitions);

    public Task ForgetAsync(string name) => UnregisterReminderAsync(name);

    public async Task<bool> HasReminderAsync(string name) => await GetReminderAsync(name) is not null;

    public Task TickAsync(string name, int dueMilliseconds, int periodMilliseconds) =>
        RegisterTimerAsync(name, nameof(OnTickAsync), Encoding.UTF8.GetBytes(name), TimeSpan.FromMilliseconds(dueMilliseconds), TimeSpan.FromMilliseconds(periodMilliseconds));

    public Task OnTickAsync(byte[] state)
    {
        recorder.Note($"timer:{Id.GetId()}:{Encoding.UTF8.GetString(state)}");
        return Task.CompletedTask;
    }

    public Task ReceiveReminderAsync(string reminderName, byte[] state, TimeSpan dueTime, TimeSpan period)
    {
        recorder.Note($"reminder:{Id.GetId()}:{reminderName}:{Encoding.UTF8.GetString(state)}");
        return Task.CompletedTask;
    }
}
