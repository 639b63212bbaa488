using Dapr;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using OneDay.Contracts;
using OneDay.ServiceDefaults.Dapr;
using OneDay.ServiceDefaults.Errors;
using OneDay.ServiceDefaults.Health;
using OneDay.ServiceDefaults.Security;
using OneDay.ServiceDefaults.Telemetry;
using StackExchange.Redis;

namespace OneDay.ServiceDefaults;

public static class ServiceDefaultsExtensions
{
    /// <summary>The secret every service reads: what all of them need and none of them may abuse (public keys).</summary>
    public const string SharedSecret = "shared";

    /// <summary>
    /// Everything cross-cutting, in one call: secrets from the Dapr secret store as configuration,
    /// telemetry (traces, metrics, JSON logs), health checks, ProblemDetails for every error, access-token
    /// validation with role policies, DaprClient, OneDay's JSON options, a <see cref="TimeProvider"/> and the
    /// OpenAPI document (/openapi/v1.json, which the gateway shows at /docs). Not request validation: a service
    /// with validated requests calls <c>AddValidation()</c> in its own Program.cs, because the validation source generator
    /// sees only the calls made in the project it compiles.
    /// </summary>
    /// <param name="secrets">
    /// The service's own secrets in the secret store (one named as its app id, when it has credentials of its
    /// own); <see cref="SharedSecret"/>, the access-token public key, is always read besides.
    /// </param>
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder, IReadOnlyList<string>? secrets = null)
    {
        builder.AddServiceDapr([SharedSecret, .. secrets ?? []]);
        builder.AddServiceTelemetry(builder.Configuration["APP_ID"] ?? builder.Environment.ApplicationName);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.ConfigureHttpJsonOptions(o => ContractJson.Configure(o.SerializerOptions));
        builder.Services.AddServiceProblemDetails();
        builder.Services.AddServiceAuthentication();
        builder.Services.AddResponseHardening();
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer<PublicOpenApiDocument>());
        builder.Services.AddClientAddress(builder.Configuration);
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [HealthEndpoints.Live])
            .AddCheck<DaprSidecarHealthCheck>("dapr-sidecar", tags: [HealthEndpoints.Ready]);
        return builder;
    }

    /// <summary>
    /// Redis from "ConnectionStrings:{name}" (the secret store), with a readiness check. Redis being down, at
    /// start-up too, makes the service unready rather than broken: the connection is retried in the background
    /// and readiness returns once Redis answers.
    /// </summary>
    public static WebApplicationBuilder AddServiceRedis(this WebApplicationBuilder builder, string connectionName)
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{connectionName} is missing: it comes from the Dapr secret store");
        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = false;
        builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));
        builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: [HealthEndpoints.Ready]);
        return builder;
    }

    /// <summary>
    /// The request pipeline's defaults (hardened response headers, the client's address from trusted proxies, ProblemDetails for
    /// exceptions and bare status codes,
    /// authentication, authorization, CloudEvents unwrapping for subscriptions) and the default endpoints:
    /// /health, /health/ready, /healthz, /metrics, /openapi/v1.json and Dapr's /dapr/subscribe. Call before mapping the
    /// service's own endpoints.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        // Before the forwarded headers are consumed: whether a request came through a proxy is what it tells.
        app.UseOperationalEndpointsOnlyDirect();
        app.UseForwardedHeaders();
        app.UseExceptionHandler();
        app.UseResponseHardening();
        app.UseNulFreeQueryStrings();
        app.UseStatusCodePages();
        app.UseCloudEvents();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHealthEndpoints();
        app.MapPrometheusScrapingEndpoint(OperationalEndpoints.Metrics).AllowAnonymous();
        app.MapOpenApi().AllowAnonymous();
        app.MapSubscribeHandler();
        return app;
    }
}
