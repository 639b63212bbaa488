using OneDay.Chat.Data;
using OneDay.Chat.IntegrationEvents;
using OneDay.Chat.Messages;
using OneDay.Chat.Realtime;
using OneDay.Chat.Rooms;
using OneDay.Chat;
using OneDay.Persistence.Database;
using OneDay.Realtime;
using OneDay.ServiceDefaults.Configuration;
using OneDay.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(secrets: ["chat"]);
builder.Services.AddValidation();
builder.AddServiceDatabase<ChatDbContext>("chat");
builder.AddServiceRedis("redis");

builder.Services.AddAuthorizationBuilder().AddPolicy(ChatCaller.Policy, ChatCaller.Require);
builder.Services.AddValidatedOptions<ChatOptions>(ChatOptions.Section);
builder.Services.AddScoped<MessageSender>();
builder.Services.AddSingleton<SendRateLimiter>();
builder.Services.AddSingleton<RoomBroadcaster>();
builder.Services.AddSingleton<PresenceRegistry>();
builder.Services.AddSingleton<RoomConnections>();
builder.Services.AddSingleton<IUserConnectionSignal>(services => services.GetRequiredService<RoomConnections>());
builder.Services.AddHostedService<PresenceHeartbeat>();

builder.AddServiceSignalR("oneday-chat", ChatHub.Path);

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapRooms().MapMessages().MapSubscriptions();
app.MapServiceHub<ChatHub>(ChatHub.Path);
app.Run();

public partial class Program;
