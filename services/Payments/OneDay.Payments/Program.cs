using Dapr.Workflow;
using OneDay.Documents;
using OneDay.Payments.Payroll;
using OneDay.Payments.Clients;
using OneDay.Payments.Data;
using OneDay.Payments.Fees;
using OneDay.Payments.IntegrationEvents;
using OneDay.Payments.Ledger;
using OneDay.Payments.Operations;
using OneDay.Payments.PaySlips;
using OneDay.Payments.Providers;
using OneDay.Payments.ResidentNumbers;
using OneDay.Payments.Statements;
using OneDay.Payments.WagePayments;
using OneDay.Payments.Wallet;
using OneDay.Payments.Workflows;
using OneDay.Persistence.Database;
using OneDay.ServiceDefaults.Configuration;
using OneDay.ServiceDefaults;
using OneDay.ServiceDefaults.Dapr;
using OneDay.ServiceDefaults.Workflows;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(secrets: ["payments"]);
builder.Services.AddValidation();
builder.AddServiceDatabase<PaymentsDbContext>("payments");
builder.AddPaperDocuments();

builder.Services.AddValidatedOptions<PlatformFeeOptions>(PlatformFeeOptions.Section);
builder.Services.AddValidatedOptions<PaymentWorkflowOptions>(PaymentWorkflowOptions.Section);
builder.Services.AddValidatedOptions<ResidentNumberOptions>(ResidentNumberOptions.Section)
    .Validate(o => o.IsValid(), ResidentNumberOptions.Requirements);
builder.Services.AddSingleton<ResidentNumberCipher>();
builder.Services.AddScoped<ResidentNumberKeys>();
builder.Services.AddExceptionHandler<ResidentNumberKeyMissingHandler>();
builder.Services.AddScoped<MonthlyStatements>();
builder.Services.AddScoped<FilingReminders>();
builder.Services.AddValidatedOptions<FilingReminderOptions>(FilingReminderOptions.Section);
builder.Services.AddHostedService<FilingReminderSweep>();
builder.Services.AddSingleton<LedgerAccountCache>();
builder.Services.AddScoped<MoneyLedger>();
builder.Services.AddScoped<PaymentJournals>();
builder.Services.AddScoped<PaymentLifecycle>();
builder.Services.AddScoped<PayrollSettingsRegister>();
builder.Services.AddScoped<PaymentSteps>();
builder.Services.AddScoped<Payouts>();
builder.AddPaymentProviders();
builder.Services.AddServiceInvocationClient<IApplicationPayments, ApplicationPaymentsClient>("jobs");
builder.Services.AddServiceInvocationClient<IPayoutAccounts, PayoutAccountsClient>("users");
builder.Services.AddDaprWorkflow(options =>
{
    options.RegisterWorkflow<PaymentWorkflow>();
    options.RegisterWorkflow<PaymentRefundWorkflow>();
    options.RegisterActivity<CollectPaymentActivity>();
    // The three that CollectPaymentActivity replaced, for instances started before PaymentWorkflow.OneCollectionPatch.
    options.RegisterActivity<CapturePaymentActivity>();
    options.RegisterActivity<FundEscrowActivity>();
    options.RegisterActivity<MarkApplicationPaidActivity>();
    options.RegisterActivity<SettlePaymentActivity>();
    options.RegisterActivity<MarkApplicationUnpaidActivity>();
    options.RegisterActivity<ReverseEscrowActivity>();
    options.RegisterActivity<CancelCaptureActivity>();
    options.RegisterActivity<RecordPaymentFailureActivity>();
    options.RegisterActivity<RecordRefundActivity>();
});
builder.Services.AddSingleton<WorkflowStarter>();
builder.AddWorkflowOperations();
builder.Services.AddValidatedOptions<WithdrawalRecoveryOptions>(WithdrawalRecoveryOptions.Section);
builder.Services.AddHostedService<HeldWithdrawalRecovery>();
builder.Services.AddValidatedOptions<LedgerAuditOptions>(LedgerAuditOptions.Section);
builder.Services.AddHostedService<LedgerAudit>();

var app = builder.Build();
app.Lifetime.ApplicationStarted.Register(PaymentMetrics.Declare);
app.MapDefaultEndpoints();
app.MapPayments();
app.MapWallet();
app.MapPaySlips();
app.MapTaxIdentity();
app.MapResidentNumberKeys();
app.MapStatements();
app.MapSandboxCheckout();
app.MapPayrollSettings();
app.MapLedger();
app.MapPaymentWorkflowOperations();
app.MapSubscriptions();
app.Run();

public partial class Program;
