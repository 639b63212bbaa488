using Microsoft.AspNetCore.Authentication.Cookies;
using OneDay.ServiceDefaults.Configuration;
using OneDay.ServiceDefaults;
using OneDay.ServiceDefaults.Security;
using OneDay.Web;
using OneDay.Web.Accounts;
using OneDay.Web.Chat;
using OneDay.Web.Components;
using OneDay.Web.Clients;
using OneDay.Web.Paperwork;
using OneDay.Web.Realtime;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.Services.TrustOnlyConfiguredProxies();
builder.Services.AddValidatedOptions<WebOptions>(WebOptions.Section);
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddCascadingAuthenticationState();
builder.Services.AddWebSessions();
builder.Services.AddGatewayClient();
builder.Services.AddScoped<SignIn>();
builder.Services.AddScoped<UserHubConnections>();
builder.Services.AddScoped<ChatRooms>();

var app = builder.Build();
app.MapDefaultEndpoints();
app.UseAntiforgery();
app.MapStaticAssets();
app.MapAccountEndpoints();
app.MapPaperworkDownloads();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode().AllowAnonymous();
app.Run();

public partial class Program;
