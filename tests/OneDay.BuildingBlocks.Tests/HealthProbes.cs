using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace OneDay.BuildingBlocks.Tests;

/// <summary>What an orchestrator's probes see of a service whose dependency is down.</summary>
internal static class HealthProbes
{
    /// <summary>
    /// Asserts liveness answers 200 while readiness answers 503 (restart nothing, send no traffic), and returns
    /// each readiness check's status by name, as the readiness report lists them.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, string>> AssertAliveButNotReadyAsync(HttpClient client)
    {
        using var live = await client.GetAsync(new Uri("/health", UriKind.Relative));
        using var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        var report = await ready.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        return report.GetProperty("checks").EnumerateObject()
            .ToDictionary(check => check.Name, check => check.Value.GetProperty("status").GetString()!, StringComparer.Ordinal);
    }
}
