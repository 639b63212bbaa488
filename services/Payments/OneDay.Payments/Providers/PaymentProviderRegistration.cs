namespace OneDay.Payments.Providers;

/// <summary>
/// Which payment and payout providers payments uses. The sandbox is the only one shipped: it takes any "card"
/// and pays out to nowhere, so wired in production it would record money that never moved. It is wired in
/// Development, or where the setting <see cref="SandboxSetting"/> says so explicitly (a staging system, a demo);
/// anywhere else start-up fails, naming the setting, instead of taking real orders with a toy PG.
/// </summary>
public static class PaymentProviderRegistration
{
    public const string SandboxSetting = "PaymentProvider:Sandbox";

    public static WebApplicationBuilder AddPaymentProviders(this WebApplicationBuilder builder)
    {
        if (!UsesSandbox(builder))
        {
            throw new InvalidOperationException(
                $"No payment provider is configured for the {builder.Environment.EnvironmentName} environment: the sandbox provider, the only one shipped, " +
                $"is used only in Development or with {SandboxSetting}=true (environment variable PaymentProvider__Sandbox).");
        }
        builder.Services.AddSingleton<SandboxPaymentProvider>();
        builder.Services.AddSingleton<IPaymentProvider>(provider => provider.GetRequiredService<SandboxPaymentProvider>());
        builder.Services.AddSingleton<SandboxPayoutProvider>();
        builder.Services.AddSingleton<IPayoutProvider>(provider => provider.GetRequiredService<SandboxPayoutProvider>());
        return builder;
    }

    private static bool UsesSandbox(WebApplicationBuilder builder) =>
        builder.Environment.IsDevelopment() || builder.Configuration.GetValue<bool>(SandboxSetting);
}
