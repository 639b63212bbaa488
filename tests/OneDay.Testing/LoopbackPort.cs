using System.Net;
using System.Net.Sockets;

namespace OneDay.Testing;

public static class LoopbackPort
{
    /// <summary>A loopback port nobody listens on right now.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// A free loopback port below the range Linux lends to outgoing connections (32768 and up), for a port
    /// chosen now and bound much later: one from <see cref="Free"/> may meanwhile be taken by any process's
    /// outgoing connection.
    /// </summary>
    public static int FreeToKeep()
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
