namespace OneDay.Payments.Fees;

/// <summary>How the day's gross wage is worked out: a daily wage, or hourly × minutes worked.</summary>
public sealed record WageBasis(long? DailyWageKrw, long? HourlyWageKrw, int MinutesWorked, bool EmployerOwesOvertimePremium)
{
    public static WageBasis Daily(long dailyWageKrw) => new(dailyWageKrw, null, 0, false);

    public static WageBasis Hourly(long hourlyWageKrw, int minutesWorked, bool employerOwesOvertimePremium) =>
        new(null, hourlyWageKrw, minutesWorked, employerOwesOvertimePremium);
}

/// <summary>
/// The gross wage as a wage statement itemises it: every minute at the plain rate, the overtime premium on top (the
/// extra half for the minutes beyond 8 hours), and how many minutes those were. The parts sum to the gross to the won.
/// </summary>
public sealed record WageComponents(long PlainWageKrw, long OvertimePremiumKrw, int OvertimeMinutes)
{
    public long GrossWageKrw => PlainWageKrw + OvertimePremiumKrw;
}

/// <summary>What one completed assignment costs the employer and pays the worker, to the won.</summary>
public sealed record PayBreakdown(long GrossWageKrw, long PlatformFeeKrw, long IncomeTaxKrw, long LocalIncomeTaxKrw)
{
    public long WithheldKrw => IncomeTaxKrw + LocalIncomeTaxKrw;

    public long NetToWorkerKrw => GrossWageKrw - WithheldKrw;

    /// <summary>The employer pays the gross wage plus the platform's fee.</summary>
    public long EmployerChargeKrw => GrossWageKrw + PlatformFeeKrw;
}

/// <summary>
/// The one place wages, fees and withholding are computed. Withholding is the day-worker rule of the
/// Income Tax Act: (daily wage − 150,000) × 6% × (1 − 55% tax credit), not collected under 1,000 won
/// (소액부징수), plus 10% local income tax on it. Amounts are truncated to the won.
/// </summary>
public static class PayCalculator
{
    public const long DailyDeductionKrw = 150_000;
    public const long MinimumCollectedTaxKrw = 1_000;
    private const int RegularMinutesPerDay = 8 * 60;

    public static PayBreakdown Calculate(WageBasis basis, int platformFeeBasisPoints)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(platformFeeBasisPoints);
        var gross = GrossWage(basis);
        var fee = gross * platformFeeBasisPoints / 10_000;
        var incomeTax = IncomeTax(gross);
        return new PayBreakdown(gross, fee, incomeTax, incomeTax / 10);
    }

    /// <summary>Hours beyond 8 in the day earn 1.5× (근로기준법 §56) where the employer is subject to it.</summary>
    public static long GrossWage(WageBasis basis)
    {
        if (basis.DailyWageKrw is { } daily)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(daily);
            return daily;
        }
        var hourly = basis.HourlyWageKrw ?? throw new ArgumentException("a wage basis needs a daily or an hourly wage", nameof(basis));
        ArgumentOutOfRangeException.ThrowIfNegative(hourly);
        ArgumentOutOfRangeException.ThrowIfNegative(basis.MinutesWorked);
        if (!basis.EmployerOwesOvertimePremium) return hourly * basis.MinutesWorked / 60;
        var regular = Math.Min(basis.MinutesWorked, RegularMinutesPerDay);
        var overtime = basis.MinutesWorked - regular;
        return (hourly * regular * 2 + hourly * overtime * 3) / 120;
    }

    /// <summary>
    /// <see cref="GrossWage"/> in its parts: the premium is what the gross holds beyond the plain rate, so rounding
    /// never makes the parts disagree with the wage charged. A daily wage is one sum: no part of it is overtime.
    /// </summary>
    public static WageComponents Components(WageBasis basis)
    {
        var gross = GrossWage(basis);
        if (basis.DailyWageKrw is not null || basis.HourlyWageKrw is not { } hourly) return new WageComponents(gross, 0, 0);
        var plain = hourly * basis.MinutesWorked / 60;
        return new WageComponents(plain, gross - plain, Math.Max(0, basis.MinutesWorked - RegularMinutesPerDay));
    }

    /// <summary>(wage − 150,000) × 6% × 45% = (wage − 150,000) × 27 / 1000; nothing when under 1,000 won.</summary>
    public static long IncomeTax(long dailyWageKrw)
    {
        var taxable = dailyWageKrw - DailyDeductionKrw;
        if (taxable <= 0) return 0;
        var tax = taxable * 27 / 1_000;
        return tax < MinimumCollectedTaxKrw ? 0 : tax;
    }
}
