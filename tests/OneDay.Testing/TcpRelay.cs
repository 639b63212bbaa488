using System.Net;
using System.Net.Sockets;

namespace OneDay.Testing;

/// <summary>
/// A loopback port that relays every connection to a real server (a sidecar, Redis) and can
/// <see cref="Hold"/> them: connections stay open and what is sent waits unanswered, as with a server that
/// hangs, until <see cref="Release"/> lets it through. A port where nothing listens yet is a server that is
/// down; starting the relay on it brings that server back.
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly DnsEndPoint _target;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<TcpClient> _connections = [];
    private readonly Task _accepting;
    private TaskCompletionSource _released = NewGate(open: true);

    private TcpRelay(int port, DnsEndPoint target)
    {
        _target = target;
        _listener = new TcpListener(IPAddress.Loopback, port);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    public int Port { get; }

    /// <summary>Relays loopback port <paramref name="port"/> (0: any free one) to <paramref name="target"/> ("host:port").</summary>
    public static TcpRelay Start(int port, string target)
    {
        var separator = target.LastIndexOf(':');
        return new TcpRelay(port, new DnsEndPoint(target[..separator], int.Parse(target[(separator + 1)..], System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>From now on nothing passes either way, on open connections and new ones.</summary>
    public void Hold()
    {
        lock (_connections)
        {
            if (_released.Task.IsCompleted) _released = NewGate(open: false);
        }
    }

    /// <summary>Lets what was held, and everything after it, through.</summary>
    public void Release()
    {
        lock (_connections) _released.TrySetResult();
    }

    private static TaskCompletionSource NewGate(bool open)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (open) gate.SetResult();
        return gate;
    }

    private Task Gate()
    {
        lock (_connections) return _released.Task;
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using var server = new TcpClient();
        lock (_connections)
        {
            _connections.Add(client);
            _connections.Add(server);
        }
        try
        {
            await server.ConnectAsync(_target.Host, _target.Port, _stopping.Token).ConfigureAwait(false);
            var upstream = PumpAsync(client.GetStream(), server.GetStream());
            var downstream = PumpAsync(server.GetStream(), client.GetStream());
            await Task.WhenAny(upstream, downstream).ConfigureAwait(false);
        }
        catch (Exception) when (_stopping.IsCancellationRequested)
        {
            // Disposed while relaying.
        }
        catch (SocketException)
        {
            // The target refused: the client sees its connection close, as it would with the server down.
        }
        finally
        {
            client.Dispose();
        }
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, _stopping.Token).ConfigureAwait(false)) > 0)
            {
                await Gate().WaitAsync(_stopping.Token).ConfigureAwait(false);
                await to.WriteAsync(buffer.AsMemory(0, read), _stopping.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException)
        {
            // Either side closed, or the relay stopped.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        lock (_connections)
        {
            foreach (var connection in _connections) connection.Dispose();
        }
        await _accepting.ConfigureAwait(false);
        _stopping.Dispose();
    }
}
