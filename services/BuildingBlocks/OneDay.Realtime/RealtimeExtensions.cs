using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;
using OneDay.Contracts;
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
    /// </summary>
    public static WebApplicationBuilder AddServiceSignalR(this WebApplicationBuilder builder, string channelPrefix, params string[] hubPaths)
    {
        builder.Services.AddSignalR().AddJsonProtocol(o => ContractJson.Configure(o.PayloadSerializerOptions)).AddStackExchangeRedis();
        builder.Services.AddOptions<RedisOptions>().Configure<IConnectionMultiplexer>((redis, multiplexer) =>
        {
            redis.Configuration.ChannelPrefix = RedisChannel.Literal(channelPrefix);
            redis.ConnectionFactory = _ => Task.FromResult(multiplexer);
        });
        builder.Services.AcceptAccessTokenInQueryOn(hubPaths);
        return builder;
    }
}
