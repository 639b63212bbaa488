using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace OneDay.ServiceDefaults.Security;

/// <summary>
/// Which address a request comes from, for per-client limits. A request reaches a service through
/// proxies — ingress, the gateway, two Dapr sidecars — each appending to X-Forwarded-For. The client is
/// the rightmost address that is not a trusted proxy: loopback (the sidecar, the gateway on the same
/// host) and the networks in "ForwardedHeaders:KnownNetworks" (e.g. the cluster's pod CIDR). Entries
/// left of it, which a client could write itself, are never believed.
/// </summary>
public static class ClientAddress
{
    private const string KnownNetworks = "ForwardedHeaders:KnownNetworks";

    internal static void AddClientAddress(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = null;
            AddConfiguredNetworks(options, configuration);
        });
    }

    /// <summary>
    /// For the apps people connect to directly (gateway, web): loopback is where any local process connects
    /// from, not a proxy, so only "ForwardedHeaders:KnownNetworks" (the ingress) is believed.
    /// </summary>
    public static IServiceCollection TrustOnlyConfiguredProxies(this IServiceCollection services)
    {
        services.AddOptions<ForwardedHeadersOptions>().PostConfigure<IConfiguration>((options, configuration) =>
        {
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            AddConfiguredNetworks(options, configuration);
        });
        return services;
    }

    private static void AddConfiguredNetworks(ForwardedHeadersOptions options, IConfiguration configuration)
    {
        foreach (var network in configuration.GetSection(KnownNetworks).Get<string[]>() ?? [])
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        }
    }
}
