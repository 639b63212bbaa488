namespace OneDay.Testing;

/// <summary>Waiting on a condition instead of sleeping: polls until it holds or the time is up.</summary>
public static class Eventually
{
    /// <param name="interval">
    /// Between two looks (25 ms unless given): a condition asked of the system under test through several
    /// services deserves a longer one, so the polling does not take the CPU the awaited work needs.
    /// </param>
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan? timeout = null, string? what = null, TimeSpan? interval = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (!await condition().ConfigureAwait(false))
        {
            if (DateTimeOffset.UtcNow > deadline) throw new TimeoutException($"{what ?? "the condition"} did not become true in time");
            await Task.Delay(interval ?? TimeSpan.FromMilliseconds(25)).ConfigureAwait(false);
        }
    }
}
