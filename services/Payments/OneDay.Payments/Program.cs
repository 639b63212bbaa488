using OneDay.Payments.Assignments;
using OneDay.Payments.Clients;
using OneDay.Payments.Data;
using OneDay.Payments.Fees;
using OneDay.Payments.Ledger;
using OneDay.Payments.Payments;
using OneDay.Payments.Providers;
using OneDay.Payments.Saga;
using OneDay.Payments.Wallet;
using OneDay.Persistence.Database;
using OneDay.ServiceDefaults;
using OneDay.ServiceDefaults.Dapr;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(secrets: ["payments"]);
builder.Services.AddValidation(); // here, not in ServiceDefaults: the validation source generator sees only this project's calls
builder.AddServiceDatabase<PaymentsDbContext>("payments");

builder.Services.AddOptions<PlatformFeeOptions>().BindConfiguration(PlatformFeeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddOptions<PaymentSagaOptions>().BindConfiguration(PaymentSagaOptions.Section).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddSingleton<LedgerAccountCache>();
builder.Services.AddScoped<MoneyLedger>();
builder.Services.AddScoped<PaymentJournals>();
builder.Services.AddScoped<PaymentProcess>();
builder.Services.AddScoped<Payouts>();
builder.Services.AddSingleton<SandboxPaymentProvider>();
builder.Services.AddSingleton<IPaymentProvider>(provider => provider.GetRequiredService<SandboxPaymentProvider>());
builder.Services.AddSingleton<SandboxPayoutProvider>();
builder.Services.AddSingleton<IPayoutProvider>(provider => provider.GetRequiredService<SandboxPayoutProvider>());
builder.Services.AddServiceInvocationClient<IApplicationPayments, ApplicationPaymentsClient>("jobs");
builder.Services.AddServiceInvocationClient<IPayoutAccounts, PayoutAccountsClient>("users");
builder.Services.AddActors(options => options.Actors.RegisterActor<PaymentSaga>());
builder.Services.AddSingleton<PaymentSagaStarter>();
builder.Services.AddHostedService(services => services.GetRequiredService<PaymentSagaStarter>());
builder.Services.AddHostedService<StalledWorkRecovery>();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapActorsHandlers();
app.MapPayments();
app.MapWallet();
app.MapSandboxCheckout();
app.MapPayrollSettings();
app.MapLedger();
app.MapSubscriptions();
app.Run();

public partial class Program;
