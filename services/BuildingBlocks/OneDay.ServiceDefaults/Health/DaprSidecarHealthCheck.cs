using Dapr.Client;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OneDay.ServiceDefaults.Health;

/// <summary>
/// Ready only while the Dapr sidecar answers `/v1.0/healthz/outbound` (its components are loaded): the
/// service can publish, invoke and read secrets. The outbound endpoint, not `/v1.0/healthz`, because the
/// latter waits for this app to be healthy, which would make the two wait for each other.
/// </summary>
public sealed class DaprSidecarHealthCheck(DaprClient dapr) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await dapr.CheckOutboundHealthAsync(cancellationToken).ConfigureAwait(false)
            ? HealthCheckResult.Healthy()
            : new HealthCheckResult(context.Registration.FailureStatus, "the Dapr sidecar does not answer");
}
