using OneDay.Gateway.RateLimiting;
using OneDay.Gateway.Observability;
using OneDay.Gateway.Routing;
using OneDay.Gateway.Security;
using OneDay.ServiceDefaults.Configuration;
using OneDay.ServiceDefaults;
using OneDay.ServiceDefaults.Security;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.Services.TrustOnlyConfiguredProxies();
builder.Services.AddValidatedOptions<GatewayOptions>(GatewayOptions.Section);
var gateway = builder.Configuration.GetSection(GatewayOptions.Section).Get<GatewayOptions>() ?? new GatewayOptions();
var (routes, clusters) = DaprRouteTable.Build(gateway, builder.Configuration);
builder.Services.AddReverseProxy()
    .LoadFromMemory(routes, clusters)
    .AddTransforms(context => DaprForwardingTransforms.Apply(context, builder.Configuration));
builder.Services.AddGatewayRateLimiting();
builder.Services.AddCors(cors => cors.AddDefaultPolicy(policy => policy
    .WithOrigins([.. gateway.AllowedOrigins]).AllowAnyHeader().AllowAnyMethod().AllowCredentials()));
builder.Services.AcceptAccessTokenInQueryOn([.. gateway.Hubs.Values.Select(hub => hub.Path)]);

var app = builder.Build();
app.UseRequestLogging();
app.UsePathGuard();
app.UseCors();
app.MapDefaultEndpoints();
app.UseForwardedClientAddress();
app.UseRateLimiter();
app.UseWebSockets();
app.MapReverseProxy();
app.MapScalarApiReference("/docs", scalar => scalar.AddDocuments(gateway.Services)).AllowAnonymous();
app.Run();

public partial class Program;
