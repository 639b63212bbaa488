using System.Collections.Concurrent;

namespace OneDay.DaprEmulator.Tests.Infrastructure;

/// <summary>A request the test app received, as it arrived on the wire (before UseCloudEvents unwrapped it).</summary>
public sealed record ReceivedRequest(string AppInstance, string Method, string Path, string ContentType, string Body, IReadOnlyDictionary<string, string> Headers);

/// <summary>What the test apps saw, shared across app restarts; tests await conditions instead of sleeping.</summary>
public sealed class EventRecorder : IDisposable
{
    private readonly ConcurrentQueue<ReceivedRequest> _requests = new();
    private readonly ConcurrentQueue<string> _notes = new();
    private readonly SemaphoreSlim _changed = new(0);

    public IReadOnlyList<ReceivedRequest> Requests => _requests.ToList();

    public IReadOnlyList<string> Notes => _notes.ToList();

    public IReadOnlyList<ReceivedRequest> At(string path) => _requests.Where(r => r.Path == path).ToList();

    public void Record(ReceivedRequest request)
    {
        _requests.Enqueue(request);
        _changed.Release();
    }

    /// <summary>Free-form facts the actors report (activations, reminders, overlaps).</summary>
    public void Note(string note)
    {
        _notes.Enqueue(note);
        _changed.Release();
    }

    public async Task WaitUntilAsync(Func<EventRecorder, bool> condition, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        while (!condition(this))
        {
            try
            {
                await _changed.WaitAsync(TimeSpan.FromMilliseconds(100), cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"condition not met; saw {_requests.Count} requests and notes [{string.Join(", ", _notes)}]");
            }
        }
    }

    public void Dispose() => _changed.Dispose();
}
