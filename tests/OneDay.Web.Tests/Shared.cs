namespace OneDay.Web.Tests;

/// <summary>
/// One <typeparamref name="T"/> for the whole test process, leased by each collection that names it as a fixture:
/// the first lease starts it, every lease awaits that one start (a failed start fails them all at once instead of
/// being tried again), and the last lease to end disposes it. The web client's collections run side by side on one
/// system and one browser, so a test waiting for a job's real start time leaves the machine to the others.
/// </summary>
public sealed class Shared<T> : IAsyncLifetime where T : class, IAsyncLifetime, new()
{
    private static readonly Lock Gate = new();
    private static Task<T>? _start;
    private static int _leases;

    public T Instance { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Task<T> start;
        lock (Gate)
        {
            start = _start ??= StartAsync();
            _leases++;
        }
        Instance = await start;
    }

    public async Task DisposeAsync()
    {
        Task<T> start;
        lock (Gate)
        {
            if (--_leases > 0 || _start is null) return;
            start = _start;
            _start = null;
        }
        if (start.IsCompletedSuccessfully) await start.Result.DisposeAsync();
    }

    private static async Task<T> StartAsync()
    {
        var instance = new T();
        try
        {
            await instance.InitializeAsync();
            return instance;
        }
        catch (Exception failed)
        {
            // What did start (processes, databases, the machine-wide lock) must not outlive the failed start.
            try
            {
                await instance.DisposeAsync();
            }
            catch (Exception cleanup)
            {
                throw new AggregateException(failed, cleanup);
            }
            throw;
        }
    }
}
