using OneDay.Contracts;
using OneDay.Notifications.Data;
using OneDay.Notifications.Delivery;
using OneDay.Notifications.IntegrationEvents;
using OneDay.Notifications.Notifications;
using OneDay.Notifications.Preferences;
using OneDay.Notifications.Realtime;
using OneDay.Notifications.Sending;
using OneDay.Notifications.Templates;
using OneDay.Persistence.Database;
using OneDay.ServiceDefaults.Security;
using OneDay.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.Services.AddValidation(); // here, not in ServiceDefaults: the validation source generator sees only this project's calls
builder.AddServiceDatabase<NotificationsDbContext>("notifications");
builder.AddServiceRedis("redis");

builder.Services.AddSingleton<DeliverySignal>();
builder.Services.AddSingleton<DeliveryWakeInterceptor>();
builder.Services.ConfigureDbContext<NotificationsDbContext>((provider, options) => options.AddInterceptors(provider.GetRequiredService<DeliveryWakeInterceptor>()));
builder.Services.AddScoped<NotificationCenter>();
builder.Services.AddSingleton<ChannelSender>();
builder.Services.AddSingleton<RealtimeNotifier>();
builder.Services.AddOptions<DeliveryOptions>().BindConfiguration(DeliveryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddHostedService<DeliveryDispatcher>();
builder.Services.AddOptions<MessageLinkOptions>().BindConfiguration(MessageLinkOptions.Section).ValidateDataAnnotations().ValidateOnStart();

// Group sends travel over Redis to every replica's connections; the multiplexer is the service's own.
builder.Services.AddSignalR().AddJsonProtocol(o => ContractJson.Configure(o.PayloadSerializerOptions)).AddStackExchangeRedis();
builder.Services.AddOptions<Microsoft.AspNetCore.SignalR.StackExchangeRedis.RedisOptions>()
    .Configure<StackExchange.Redis.IConnectionMultiplexer>((redis, multiplexer) =>
    {
        redis.Configuration.ChannelPrefix = StackExchange.Redis.RedisChannel.Literal("oneday-notifications");
        redis.ConnectionFactory = _ => Task.FromResult(multiplexer);
    });
builder.Services.AcceptAccessTokenInQueryOn(NotificationsHub.Path);

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapNotifications().MapPreferences();
app.MapSending();
app.MapSubscriptions();
app.MapHub<NotificationsHub>(NotificationsHub.Path);
app.Run();

public partial class Program;
