using Dapr.Actors;
using Dapr.Actors.Runtime;
using OneDay.DaprEmulator.Tests.Infrastructure;

namespace OneDay.DaprEmulator.Tests.TestApp;

public interface ICounterActor : IActor
{
    Task<int> IncrementAsync(int by);

    Task<int> GetAsync();

    /// <summary>Holds the turn for a while and reports whether another call ran at the same time.</summary>
    Task<bool> HoldAsync(int milliseconds);

    Task FailAsync(string message);
}

public sealed class CounterActor(ActorHost host, EventRecorder recorder) : Actor(host), ICounterActor
{
    private static readonly Dictionary<string, int> Inside = [];

    public async Task<int> IncrementAsync(int by)
    {
        var count = await StateManager.GetOrAddStateAsync("count", 0) + by;
        await StateManager.SetStateAsync("count", count);
        return count;
    }

    public Task<int> GetAsync() => StateManager.GetOrAddStateAsync("count", 0);

    public async Task<bool> HoldAsync(int milliseconds)
    {
        bool overlapped;
        lock (Inside)
        {
            Inside[Id.GetId()] = Inside.GetValueOrDefault(Id.GetId()) + 1;
            overlapped = Inside[Id.GetId()] > 1;
        }
        await Task.Delay(milliseconds);
        lock (Inside)
        {
            overlapped |= Inside[Id.GetId()] > 1;
            Inside[Id.GetId()]--;
        }
        if (overlapped) recorder.Note($"overlap:{Id.GetId()}");
        return overlapped;
    }

    public Task FailAsync(string message) => throw new InvalidOperationException(message);

    protected override Task OnDeactivateAsync()
    {
        recorder.Note($"deactivated:{Id.GetId()}");
        return Task.CompletedTask;
    }
}
