namespace OneDay.Payments.Wallet;

public sealed class WithdrawalRecoveryOptions
{
    public const string Section = "WithdrawalRecovery";

    /// <summary>How often held withdrawals are looked for, and how old one must be to count as stalled.</summary>
    public TimeSpan Sweep { get; set; } = TimeSpan.FromMinutes(1);
}
