namespace OneDay.DaprEmulator.PubSub;

/// <summary>One consumer group as a broker keeps it in this emulator.</summary>
internal interface IConsumerGroup : IAsyncDisposable
{
    string Topic { get; }

    GroupMembers Members { get; }

    GroupDeliveries Deliveries { get; }

    /// <summary>Completes when the group exists at the broker (queue bound, stream group created).</summary>
    Task Created { get; }

    void Start();
}

/// <summary>
/// A broker's consumer groups in this emulator, by topic and group: the first member of a group starts
/// it, publishing counts the message for every group of its topic.
/// </summary>
internal sealed class ConsumerGroups<TGroup>(Func<string, string, TGroup> create) : IAsyncDisposable
    where TGroup : IConsumerGroup
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Topic, string Group), TGroup> _groups = new();

    public async Task<IDisposable> JoinAsync(string topic, string consumerGroup, IMessageHandler handler, CancellationToken cancellationToken)
    {
        TGroup? group;
        IDisposable membership;
        lock (_gate)
        {
            if (!_groups.TryGetValue((topic, consumerGroup), out group))
            {
                group = create(topic, consumerGroup);
                _groups[(topic, consumerGroup)] = group;
                group.Start();
            }
            membership = group.Members.Join(handler);
        }
        try
        {
            await group.Created.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            membership.Dispose();
            throw;
        }
        return membership;
    }

    /// <summary>Counts a message about to be published to <paramref name="topic"/>; undo it with <see cref="Unexpect"/> if the publish fails.</summary>
    public IReadOnlyList<TGroup> Expect(string topic)
    {
        List<TGroup> expecting;
        lock (_gate) expecting = _groups.Values.Where(g => g.Topic == topic).ToList();
        foreach (var group in expecting) group.Deliveries.Expect();
        return expecting;
    }

    public static void Unexpect(IReadOnlyList<TGroup> expecting)
    {
        foreach (var group in expecting) group.Deliveries.Settle();
    }

    public async ValueTask DisposeAsync()
    {
        List<TGroup> groups;
        lock (_gate) groups = _groups.Values.ToList();
        await Task.WhenAll(groups.Select(g => g.DisposeAsync().AsTask())).ConfigureAwait(false);
    }
}
