using OneDay.DaprEmulator.Hosting;

namespace OneDay.DaprEmulator.PubSub;

/// <summary>
/// The messages this emulator published that one consumer group still owes a subscriber, so that
/// <see cref="EmulatorCluster.WaitForIdleAsync"/> waits for their delivery. Counting starts once the group
/// exists at the broker (what was published before could not reach it, or is counted then); messages
/// other publishers add are delivered just the same, uncounted.
/// </summary>
public sealed class GroupDeliveries(DeliveryTracker tracker)
{
    private readonly Lock _gate = new();
    private bool _counting;
    private int _expected;

    /// <summary>The group exists at the broker, with <paramref name="waiting"/> messages already there for it.</summary>
    public void StartCounting(long waiting)
    {
        lock (_gate)
        {
            _counting = true;
            _expected += (int)waiting;
        }
        for (var i = 0; i < waiting; i++) tracker.Begin();
    }

    public void Expect()
    {
        lock (_gate)
        {
            if (!_counting) return;
            _expected++;
        }
        tracker.Begin();
    }

    /// <summary>A delivery is over (or a publish did not happen); false when it was not one of the counted.</summary>
    public bool Settle()
    {
        lock (_gate)
        {
            if (_expected == 0) return false;
            _expected--;
        }
        tracker.End();
        return true;
    }
}
