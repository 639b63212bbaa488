using System.Net.Sockets;

namespace OneDay.DaprEmulator.Hosting;

/// <summary>
/// The sidecar's connection to its app (dapr pkg/channel/http/http_channel.go): every request carries
/// `dapr-api-token` when APP_API_TOKEN is configured. Connections are short-lived so that an app which
/// restarts on the same port is reached again.
/// </summary>
public sealed class AppChannel : IDisposable
{
    private readonly HttpClient _client;
    private readonly string? _appApiToken;

    public AppChannel(string address, int port, string? appApiToken)
    {
        Address = address;
        Port = port;
        _appApiToken = appApiToken;
        _client = new HttpClient(new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromSeconds(2),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(1),
            ConnectTimeout = TimeSpan.FromSeconds(2),
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
        })
        {
            BaseAddress = new Uri($"http://{address}:{port}/"),
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public string Address { get; }

    public int Port { get; }

    /// <summary>Sends a request whose URI is relative to the app root (a leading "/" is fine).</summary>
    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        WithAppToken(request);
        return _client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
    }

    /// <summary>
    /// Sends a gRPC call to an app that serves gRPC (HTTP/2 without TLS, as daprd's app channel does), returning
    /// once the app's headers arrive so that streamed messages and trailers flow through as they come.
    /// </summary>
    public Task<HttpResponseMessage> SendGrpcAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        WithAppToken(request);
        request.Version = System.Net.HttpVersion.Version20;
        request.VersionPolicy = HttpVersionPolicy.RequestVersionExact;
        return _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    private void WithAppToken(HttpRequestMessage request)
    {
        if (_appApiToken is null) return;
        request.Headers.Remove("dapr-api-token");
        request.Headers.TryAddWithoutValidation("dapr-api-token", _appApiToken);
    }

    public async Task<bool> IsListeningAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var socket = new TcpClient();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(1));
            await socket.ConnectAsync(Address, Port, timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    public void Dispose() => _client.Dispose();
}
