using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OneDay.Contracts;
using OneDay.DaprEmulator.Hosting;

namespace OneDay.Testing;

/// <summary>
/// A real service (its own Program) hosted by <see cref="WebApplicationFactory{TEntryPoint}"/> on a real
/// loopback port beside an emulator sidecar, so Dapr can call it (events, invocation, actors) and it can
/// call Dapr with the real SDK.
/// </summary>
public sealed class ServiceTestHost<TProgram> : IAsyncDisposable
    where TProgram : class
{
    private readonly DaprTestEnvironment _environment;
    private readonly WebApplicationFactory<TProgram> _factory;

    private ServiceTestHost(DaprTestEnvironment environment, string appId, int port, Sidecar sidecar, WebApplicationFactory<TProgram> factory)
    {
        _environment = environment;
        AppId = appId;
        Port = port;
        Sidecar = sidecar;
        _factory = factory;
    }

    public string AppId { get; }

    public int Port { get; }

    public Sidecar Sidecar { get; private set; }

    public IServiceProvider Services => _factory.Services;

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    internal static async Task<ServiceTestHost<TProgram>> StartAsync(DaprTestEnvironment environment, string appId, IReadOnlyDictionary<string, string?> settings,
        Action<IServiceCollection>? services = null)
    {
        var port = LoopbackPort.Free();
        var sidecar = await environment.Cluster.StartSidecarAsync(environment.SidecarOptions(appId, port)).ConfigureAwait(false);
        var factory = new WebApplicationFactory<TProgram>().WithWebHostBuilder(web =>
        {
            web.UseSetting("urls", $"http://127.0.0.1:{port}");
            web.UseSetting("APP_ID", appId);
            web.UseSetting("DAPR_HTTP_PORT", sidecar.HttpPort.ToString(CultureInfo.InvariantCulture));
            web.UseSetting("DAPR_GRPC_PORT", sidecar.GrpcPort.ToString(CultureInfo.InvariantCulture));
            web.UseSetting("Dapr:SidecarWaitSeconds", "10");
            web.UseSetting("Telemetry:ZipkinEndpoint", "");
            if (environment.AppApiToken is { } appApiToken) web.UseSetting("APP_API_TOKEN", appApiToken);
            foreach (var (key, value) in settings) web.UseSetting(key, value);
            if (services is not null) web.ConfigureServices(services);
        });
        factory.UseKestrel();
        factory.StartServer();
        await sidecar.AppReady.WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        return new ServiceTestHost<TProgram>(environment, appId, port, sidecar, factory);
    }

    /// <summary>
    /// Delivers <paramref name="integrationEvent"/> as daprd does: a CloudEvent posted to the service's
    /// subscription route for its topic, with <paramref name="appApiToken"/> as dapr-api-token when given.
    /// Returns the status and body (SUCCESS, RETRY or DROP) daprd would read.
    /// </summary>
    public async Task<(HttpStatusCode Status, string Body)> DeliverAsync<TEvent>(TEvent integrationEvent, string? appApiToken = null)
        where TEvent : IntegrationEvent
    {
        var topic = IntegrationEventTopics.Of<TEvent>();
        var cloudEvent = new
        {
            id = integrationEvent.EventId.ToString(),
            specversion = "1.0",
            source = "test",
            type = "com.dapr.event.sent",
            datacontenttype = "application/json",
            topic,
            pubsubname = "pubsub",
            data = JsonSerializer.SerializeToElement(integrationEvent, ContractJson.Options),
        };
        using var client = CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/integration-events/{topic}", UriKind.Relative))
        {
            Content = new StringContent(JsonSerializer.Serialize(cloudEvent), Encoding.UTF8, "application/cloudevents+json"),
        };
        if (appApiToken is not null) request.Headers.Add("dapr-api-token", appApiToken);
        using var response = await client.SendAsync(request).ConfigureAwait(false);
        return (response.StatusCode, await response.Content.ReadAsStringAsync().ConfigureAwait(false));
    }

    /// <summary>A client for the service's HTTP API, optionally carrying an access token.</summary>
    public HttpClient CreateClient(string? accessToken = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (accessToken is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    /// <summary>Stops the sidecar (the app keeps running and finds Dapr gone) until <see cref="StartSidecarAsync"/>.</summary>
    public Task StopSidecarAsync() => _environment.Cluster.StopSidecarAsync(Sidecar);

    /// <summary>Starts the sidecar again on the same ports.</summary>
    public async Task StartSidecarAsync()
    {
        Sidecar = await _environment.Cluster.StartSidecarAsync(_environment.SidecarOptions(AppId, Port) with
        {
            HttpPort = Sidecar.HttpPort,
            GrpcPort = Sidecar.GrpcPort,
        }).ConfigureAwait(false);
        await Sidecar.AppReady.WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync().ConfigureAwait(false);
        if (_environment.Cluster.Sidecars.Contains(Sidecar)) await _environment.Cluster.StopSidecarAsync(Sidecar).ConfigureAwait(false);
    }

}
