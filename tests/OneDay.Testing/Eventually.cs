namespace OneDay.Testing;

/// <summary>Waiting on a condition instead of sleeping: polls until it holds or the time is up.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan? timeout = null, string? what = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (!await condition().ConfigureAwait(false))
        {
            if (DateTimeOffset.UtcNow > deadline) throw new TimeoutException($"{what ?? "the condition"} did not become true in time");
            await Task.Delay(25).ConfigureAwait(false);
        }
    }
}
