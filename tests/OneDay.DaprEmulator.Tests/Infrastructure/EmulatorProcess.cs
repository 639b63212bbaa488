using System.Diagnostics;
using System.Text;
using OneDay.DaprEmulator.Hosting;

namespace OneDay.DaprEmulator.Tests.Infrastructure;

/// <summary>The emulator's command line run as its own process, as a developer runs it, its output kept line by line.</summary>
public sealed class EmulatorProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly SemaphoreSlim _changed = new(0);

    private EmulatorProcess(Process process) => _process = process;

    public IReadOnlyList<string> Lines
    {
        get { lock (_lines) return _lines.ToList(); }
    }

    public static EmulatorProcess Start(params string[] args)
    {
        // Through env, which execs dotnet with Ctrl-C's signal back at its default: a test run started in the background by a
        // shell without job control inherits SIGINT ignored, and .NET then never delivers it to the emulator's handler.
        var info = new ProcessStartInfo("env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add("--default-signal=INT");
        info.ArgumentList.Add("dotnet");
        info.ArgumentList.Add(typeof(EmulatorCluster).Assembly.Location);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        var emulator = new EmulatorProcess(new Process { StartInfo = info });
        emulator._process.OutputDataReceived += (_, e) => emulator.Add(e.Data);
        emulator._process.ErrorDataReceived += (_, e) => emulator.Add(e.Data);
        emulator._process.Start();
        emulator._process.BeginOutputReadLine();
        emulator._process.BeginErrorReadLine();
        return emulator;
    }

    public async Task WaitForLineAsync(string text)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!Lines.Any(l => l.Contains(text, StringComparison.Ordinal)))
        {
            try
            {
                await _changed.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"no line with '{text}' in:\n{string.Join('\n', Lines)}");
            }
        }
    }

    /// <summary>SIGKILL to the emulator and its apps: nothing is flushed, closed or acknowledged on the way out.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await WaitForExitAsync();
    }

    /// <summary>Ctrl-C, as a developer stops it.</summary>
    public async Task<int> InterruptAsync()
    {
        using (var kill = Process.Start("kill", ["-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }
        return await WaitForExitAsync();
    }

    public async Task<int> WaitForExitAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"the emulator did not exit within 30 s; its output:\n{string.Join('\n', Lines)}");
        }
        return _process.ExitCode;
    }

    private void Add(string? line)
    {
        if (line is null) return;
        lock (_lines) _lines.Add(line);
        _changed.Release();
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
        _changed.Dispose();
    }
}
