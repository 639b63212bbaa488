namespace OneDay.Payments.Assignments;

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
}

/// <summary>The employer's payroll settings as the API shows and takes them.</summary>
public sealed record PayrollSettingsView(bool OwesOvertimePremium);
