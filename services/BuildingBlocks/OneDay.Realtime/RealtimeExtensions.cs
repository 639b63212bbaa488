using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OneDay.Contracts;
using OneDay.ServiceDefaults.Configuration;
using OneDay.ServiceDefaults;
using OneDay.ServiceDefaults.Security;
using StackExchange.Redis;

namespace OneDay.Realtime;

public static class RealtimeExtensions
{
    /// <summary>
    /// SignalR for the service's hubs, with a Redis backplane so that a group or user send made on one replica
    /// reaches connections held by every replica. The backplane shares the service's own multiplexer (call
    /// <see cref="ServiceDefaultsExtensions.AddServiceRedis"/> first) under <paramref name="channelPrefix"/>, so
    /// services sharing one Redis never read each other's messages. Hub payloads use OneDay's one JSON option
    /// set, and the hubs' paths take the access token from the query string, where browsers' WebSockets must put it.
    /// Every hub method call is throttled per connection (<see cref="HubCallThrottle"/>), and every connection is
    /// known by its user to all replicas (<see cref="UserConnections"/>).
    /// </summary>
    public static WebApplicationBuilder AddServiceSignalR(this WebApplicationBuilder builder, string channelPrefix, params string[] hubPaths)
    {
        builder.Services.AddValidatedOptions<HubCallLimitOptions>(HubCallLimitOptions.Section);
        builder.Services.AddSingleton<HubCallThrottle>();
        builder.Services.AddSingleton(services => new UserConnections(
            services.GetRequiredService<IConnectionMultiplexer>(),
            RedisChannel.Literal($"{channelPrefix}:user-connections"),
            services.GetServices<IUserConnectionSignal>(),
            services.GetRequiredService<ILogger<UserConnections>>()));
        builder.Services.AddHostedService(services => services.GetRequiredService<UserConnections>());
        builder.Services.AddSignalR(hub =>
            {
                hub.AddFilter<UserConnections>();
                hub.AddFilter<HubCallThrottle>();
            })
            .AddJsonProtocol(o => ContractJson.Configure(o.PayloadSerializerOptions)).AddStackExchangeRedis();
        builder.Services.AddOptions<RedisOptions>().Configure<IConnectionMultiplexer>((redis, multiplexer) =>
        {
            redis.Configuration.ChannelPrefix = RedisChannel.Literal(channelPrefix);
            redis.ConnectionFactory = _ => Task.FromResult(multiplexer);
        });
        builder.Services.AcceptAccessTokenInQueryOn(hubPaths);
        return builder;
    }

    /// <summary>
    /// Maps the hub so that a connection ends when its access token expires: the token is checked only when the
    /// connection opens, and without this a connection would outlive it for as long as the socket stays up.
    /// The client reconnects with a fresh token.
    /// </summary>
    public static HubEndpointConventionBuilder MapServiceHub<THub>(this IEndpointRouteBuilder app, string path)
        where THub : Hub =>
        app.MapHub<THub>(path, options => options.CloseOnAuthenticationExpiration = true);
}
