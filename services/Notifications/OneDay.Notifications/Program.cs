using OneDay.Notifications.Data;
using OneDay.Notifications.Delivery;
using OneDay.Notifications.Devices;
using OneDay.Notifications.InApp;
using OneDay.Notifications.IntegrationEvents;
using OneDay.Notifications.Preferences;
using OneDay.Notifications.Realtime;
using OneDay.Notifications.Sending;
using OneDay.Notifications.Templates;
using OneDay.Persistence.Database;
using OneDay.Realtime;
using OneDay.ServiceDefaults.Configuration;
using OneDay.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(secrets: ["notifications"]);
builder.Services.AddValidation();
builder.AddServiceDatabase<NotificationsDbContext>("notifications");
builder.AddServiceRedis("redis");

builder.Services.AddSingleton<DeliverySignal>();
builder.Services.AddSingleton<DeliveryWakeInterceptor>();
builder.Services.ConfigureDbContext<NotificationsDbContext>((provider, options) => options.AddInterceptors(provider.GetRequiredService<DeliveryWakeInterceptor>()));
builder.Services.AddScoped<NotificationCenter>();
builder.Services.AddScoped<DeviceRegistry>();
builder.Services.AddSingleton<ChannelSender>();
builder.Services.AddSingleton<RealtimeNotifier>();
builder.Services.AddValidatedOptions<DeliveryOptions>(DeliveryOptions.Section);
builder.Services.AddHostedService<DeliveryDispatcher>();
builder.Services.AddValidatedOptions<MessageLinkOptions>(MessageLinkOptions.Section);

builder.AddServiceSignalR("oneday-notifications", NotificationsHub.Path);

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapNotifications().MapDevices().MapPreferences();
app.MapSending();
app.MapSubscriptions();
app.MapServiceHub<NotificationsHub>(NotificationsHub.Path);
app.Run();

public partial class Program;
