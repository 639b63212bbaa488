using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace OneDay.Testing;

public static class LoopbackPort
{
    // Ports handed out in this process: two fixtures choosing at once (before either binds) never get the same one.
    private static readonly ConcurrentDictionary<int, bool> HandedOut = new();

    /// <summary>
    /// A loopback port nobody listens on right now, below the range Linux lends to outgoing connections
    /// (32768 and up): a port is chosen before it is bound, and in between any process's outgoing
    /// connection could take one from that range (test projects run side by side). Random, so that two
    /// processes choosing at once rarely meet.
    /// </summary>
    public static int Free()
    {
        while (true)
        {
            var port = Random.Shared.Next(20_000, 32_000);
            if (!HandedOut.TryAdd(port, true)) continue;
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken: try another.
            }
        }
    }
}
