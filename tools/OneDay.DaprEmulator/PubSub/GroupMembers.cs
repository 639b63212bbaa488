namespace OneDay.DaprEmulator.PubSub;

/// <summary>
/// The members of one consumer group in this emulator (the replicas of an app id): each message goes to
/// the next member in turn; with no member, delivery waits until one joins.
/// </summary>
public sealed class GroupMembers
{
    private readonly List<IMessageHandler> _members = [];
    private TaskCompletionSource _present = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _next;

    public IDisposable Join(IMessageHandler handler)
    {
        lock (_members)
        {
            _members.Add(handler);
            _present.TrySetResult();
        }
        return new Membership(() =>
        {
            lock (_members)
            {
                if (_members.Remove(handler) && _members.Count == 0) _present = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        });
    }

    public async Task<IMessageHandler> NextAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task present;
            lock (_members)
            {
                if (_members.Count > 0) return _members[_next++ % _members.Count];
                present = _present.Task;
            }
            await present.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private sealed class Membership(Action leave) : IDisposable
    {
        public void Dispose() => leave();
    }
}
