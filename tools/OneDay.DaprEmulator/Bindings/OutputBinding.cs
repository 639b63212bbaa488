namespace OneDay.DaprEmulator.Bindings;

/// <summary>One call to an output binding, as the app made it.</summary>
public sealed record BindingInvocation(string AppId, string Name, string Operation, byte[] Data, IReadOnlyDictionary<string, string> Metadata, DateTimeOffset At);

public sealed record BindingResult(byte[] Data, IReadOnlyDictionary<string, string> Metadata);

/// <summary>An output binding component.</summary>
public interface IOutputBinding
{
    Task<BindingResult> InvokeAsync(BindingInvocation invocation, CancellationToken cancellationToken);
}

/// <summary>
/// Any binding type the emulator cannot reach for real (SMTP, Twilio, HTTP push …): the call succeeds
/// and is recorded in <see cref="BindingLog"/> so tests can read what would have been sent.
/// </summary>
public sealed class RecordingBinding(BindingLog log) : IOutputBinding
{
    public Task<BindingResult> InvokeAsync(BindingInvocation invocation, CancellationToken cancellationToken)
    {
        log.Add(invocation);
        return Task.FromResult(new BindingResult([], new Dictionary<string, string>()));
    }
}

/// <summary>Every binding invocation the emulator saw, in order.</summary>
public sealed class BindingLog
{
    private readonly Lock _gate = new();
    private readonly List<BindingInvocation> _items = [];

    public void Add(BindingInvocation invocation)
    {
        lock (_gate) _items.Add(invocation);
    }

    public IReadOnlyList<BindingInvocation> Snapshot()
    {
        lock (_gate) return _items.ToList();
    }
}
