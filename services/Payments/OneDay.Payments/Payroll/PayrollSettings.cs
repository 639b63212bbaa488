namespace OneDay.Payments.Payroll;

/// <summary>
/// An employer's payroll facts that change what a day's work costs. The 1.5× premium for hours beyond 8 in
/// a day (근로기준법 §56) binds workplaces with five or more employees; until an employer says it does not
/// bind them, the premium is owed, so a worker is never underpaid by a missing setting.
/// </summary>
public sealed class PayrollSettings
{
    public Guid EmployerId { get; init; }
    public bool OwesOvertimePremium { get; set; } = true;
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>
    /// Whether the premium binds work completed at <paramref name="completedAt"/>. A setting saved after that
    /// moment did not hold when the work was done; only one row is kept, so the premium, owed unless an employer
    /// said otherwise beforehand, applies.
    /// </summary>
    public bool PremiumOwedFor(DateTimeOffset completedAt) => OwesOvertimePremium || UpdatedAt > completedAt;
}

/// <summary>The employer's payroll settings as the API shows and takes them.</summary>
public sealed record PayrollSettingsView(bool OwesOvertimePremium);
