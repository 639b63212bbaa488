using System.Net;
using System.Net.Sockets;

namespace OneDay.Testing;

public static class LoopbackPort
{
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
