using OneDay.Persistence.Database;
using OneDay.ServiceDefaults.Configuration;
using OneDay.ServiceDefaults;
using OneDay.ServiceDefaults.Dapr;
using OneDay.Users.AccountMessaging;
using OneDay.Users.Accounts;
using OneDay.Users.Administration;
using OneDay.Users.Authentication;
using OneDay.Users.Clients;
using OneDay.Users.Data;
using OneDay.Users.Eligibility;
using OneDay.Users.Profiles;
using OneDay.Users.Verification;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(secrets: ["users"]);
builder.Services.AddValidation();
builder.AddServiceDatabase<UsersDbContext>("users");

builder.Services.AddValidatedOptions<TokenOptions>(TokenOptions.Section);
builder.Services.AddValidatedOptions<SigningKeyOptions>(SigningKeyOptions.Section)
    .Validate(o => AccessTokenIssuer.IsUsableSigningKey(o.SigningKey), "Jwt:SigningKey is not a PEM EC P-256 private key");
builder.Services.AddValidatedOptions<LoginThrottleOptions>(LoginThrottleOptions.Section);
builder.Services.AddValidatedOptions<NotificationDeliveryOptions>(NotificationDeliveryOptions.Section);

builder.Services.AddSingleton<Passwords>();
builder.Services.AddSingleton<AccessTokenIssuer>();
builder.Services.AddScoped<RefreshTokens>();
builder.Services.AddScoped<LoginThrottle>();
builder.Services.AddHostedService<LoginThrottleSweep>();
builder.Services.AddScoped<OneTimeTokens>();
builder.Services.AddSingleton<PasswordResetQueue>();
builder.Services.AddHostedService<PasswordResetRequestWorker>();
builder.Services.AddSingleton<NotificationDeliverySignal>();
builder.Services.AddServiceInvocationClient<INotificationSender, NotificationSenderClient>("notifications");
builder.Services.AddHostedService<NotificationDeliveryWorker>();
builder.Services.AddValidatedOptions<BootstrapAdminOptions>(BootstrapAdminOptions.Section)
    .Validate(o => !o.IsConfigured || !string.IsNullOrEmpty(o.Password), "BootstrapAdmin:Password is required with BootstrapAdmin:Email");
builder.Services.AddHostedService<BootstrapAdmin>();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapGroup("/users")
    .WithTags("Users")
    .MapRegistration()
    .MapAuthentication()
    .MapProfile()
    .MapEmailVerification()
    .MapPasswordReset()
    .MapAdministration();
app.MapEligibility();
app.MapPayoutAccount();
app.Run();

public partial class Program;
