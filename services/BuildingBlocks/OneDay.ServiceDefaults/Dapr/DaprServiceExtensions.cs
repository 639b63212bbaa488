using Dapr.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OneDay.Contracts;
using OneDay.ServiceDefaults.Configuration;

namespace OneDay.ServiceDefaults.Dapr;

public static class DaprServiceExtensions
{
    /// <summary>
    /// DaprClient with OneDay's JSON options, reaching the sidecar on DAPR_HTTP_PORT / DAPR_GRPC_PORT
    /// (or the *_ENDPOINT settings) from configuration, as the Dapr CLI and the injector set them; and the
    /// secret store loaded into configuration.
    /// </summary>
    internal static void AddServiceDapr(this IHostApplicationBuilder builder, IReadOnlyList<string> secrets)
    {
        builder.Services.AddDaprClient(client => client.UseJsonSerializationOptions(ContractJson.Options));
        builder.AddValidatedOptionsNow<PubSubOptions>(PubSubOptions.Section);

        var options = builder.AddValidatedOptionsNow<DaprOptions>(DaprOptions.Section);
        if (string.IsNullOrEmpty(options.SecretStore)) return;
        var configuration = builder.Configuration;
        builder.Configuration.Add(new DaprSecretStoreConfigurationSource(
            options.SecretStore,
            secrets,
            () => new DaprClientBuilder()
                .UseHttpEndpoint(SidecarEndpoint(configuration, "DAPR_HTTP_ENDPOINT", "DAPR_HTTP_PORT", 3500))
                .UseGrpcEndpoint(SidecarEndpoint(configuration, "DAPR_GRPC_ENDPOINT", "DAPR_GRPC_PORT", 50001))
                .UseDaprApiToken(configuration["DAPR_API_TOKEN"])
                .Build(),
            TimeSpan.FromSeconds(options.SidecarWaitSeconds)));
    }

    /// <summary>
    /// A typed client for another service, on <see cref="DaprClient.CreateInvokableHttpClient"/>:
    /// relative URIs go to that app through the sidecar (the InvokeMethodAsync overloads are obsolete).
    /// </summary>
    public static IServiceCollection AddServiceInvocationClient<TClient, TImplementation>(this IServiceCollection services, string appId)
        where TClient : class
        where TImplementation : class, TClient
    {
        services.AddSingleton<TClient>(provider =>
        {
            var http = provider.GetRequiredService<DaprClient>().CreateInvokableHttpClient(appId);
            return ActivatorUtilities.CreateInstance<TImplementation>(provider, http);
        });
        return services;
    }

    private static string SidecarEndpoint(IConfiguration configuration, string endpointKey, string portKey, int defaultPort) =>
        configuration[endpointKey] is { Length: > 0 } endpoint ? endpoint : $"http://127.0.0.1:{configuration[portKey] ?? defaultPort.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}
