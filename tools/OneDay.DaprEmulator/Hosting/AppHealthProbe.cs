using Microsoft.Extensions.Logging;

namespace OneDay.DaprEmulator.Hosting;

/// <summary>
/// daprd's app health check (dapr pkg/channel/http/http_channel.go HealthProbe; docs/dapr-sidecar.md §A.5):
/// GET the app's health path every interval with a 500 ms timeout; 2xx is healthy; after
/// `threshold` failures in a row the app is unhealthy and the sidecar stops delivering messages to it
/// until a probe succeeds again. An app that speaks gRPC is probed with `AppCallbackHealthCheck/HealthCheck`
/// instead (pkg/channel/grpc/grpc_channel.go HealthProbe): any error, UNIMPLEMENTED included, is a failure.
/// </summary>
public sealed class AppHealthProbe(Sidecar sidecar)
{
    private const int Threshold = 3;
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromMilliseconds(500);
    private int _failures;

    public bool IsHealthy { get; private set; } = true;

    public async Task RunAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(sidecar.Options.AppHealthProbeInterval, sidecar.Cluster.Time);
        while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false))
        {
            var healthy = await ProbeAsync(stopping).ConfigureAwait(false);
            _failures = healthy ? 0 : _failures + 1;
            var wasHealthy = IsHealthy;
            IsHealthy = healthy || (IsHealthy && _failures < Threshold);
            if (wasHealthy != IsHealthy)
            {
                sidecar.Logger.LogWarning("app {AppId} is {State}", sidecar.AppId, IsHealthy ? "healthy again" : "unhealthy: deliveries paused");
            }
        }
    }

    private async Task<bool> ProbeAsync(CancellationToken stopping)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            if (sidecar.AppCallback is { } callback)
            {
                await callback.HealthCheckAsync(timeout.Token).ConfigureAwait(false);
                return true;
            }
            using var request = new HttpRequestMessage(HttpMethod.Get, sidecar.Options.AppHealthCheckPath);
            using var response = await sidecar.App!.SendAsync(request, timeout.Token).ConfigureAwait(false);
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or Grpc.Core.RpcException || (ex is OperationCanceledException && !stopping.IsCancellationRequested))
        {
            return false;
        }
    }
}
