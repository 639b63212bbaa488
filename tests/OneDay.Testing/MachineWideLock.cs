namespace OneDay.Testing;

/// <summary>
/// A lock held across processes on this machine: an exclusive file lock (flock underneath, so a killed
/// process drops it). Test projects run side by side in scripts/test.sh; what must not overlap between
/// them takes one of these by name.
/// </summary>
public sealed class MachineWideLock : IAsyncDisposable
{
    private readonly FileStream _file;

    private MachineWideLock(FileStream file) => _file = file;

    public static async Task<MachineWideLock> AcquireAsync(string name, TimeSpan patience)
    {
        var path = Path.Combine(Path.GetTempPath(), $"oneday-{name}.lock");
        var deadline = DateTime.UtcNow + patience;
        while (true)
        {
            try
            {
                return new MachineWideLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500));
            }
        }
    }

    public ValueTask DisposeAsync() => _file.DisposeAsync();
}
