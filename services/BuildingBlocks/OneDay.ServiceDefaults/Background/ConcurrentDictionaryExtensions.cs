using System.Collections.Concurrent;

namespace OneDay.ServiceDefaults.Background;

/// <summary>For work noted in memory between sweeps (counts, queries seen) and taken out by the sweep that writes it.</summary>
public static class ConcurrentDictionaryExtensions
{
    /// <summary>
    /// Takes every entry out, each whole: a note racing with it lands in a new entry for the next sweep,
    /// never half in this one.
    /// </summary>
    public static List<KeyValuePair<TKey, TValue>> TakeAll<TKey, TValue>(this ConcurrentDictionary<TKey, TValue> pending)
        where TKey : notnull
    {
        var taken = new List<KeyValuePair<TKey, TValue>>();
        foreach (var key in pending.Keys)
        {
            if (pending.TryRemove(key, out var value)) taken.Add(new(key, value));
        }
        return taken;
    }
}
