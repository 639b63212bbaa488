using OneDay.Payments.Fees;

namespace OneDay.Payments.Tests;

public sealed class PayCalculatorTests
{
    // daily wage, fee bp → gross, fee, income tax, local income tax, net to worker, employer charge.
    // Income tax = (wage − 150,000) × 6% × 45%, truncated to the won, nothing under 1,000; local = 10% of it.
    [Theory]
    [InlineData(100_000, 1_000, 100_000, 10_000, 0, 0, 100_000, 110_000)]     // below the 150,000 deduction
    [InlineData(150_000, 1_000, 150_000, 15_000, 0, 0, 150_000, 165_000)]     // exactly the deduction
    [InlineData(187_000, 1_000, 187_000, 18_700, 0, 0, 187_000, 205_700)]     // 37,000 × 2.7% = 999: under 1,000, not collected
    [InlineData(187_038, 1_000, 187_038, 18_703, 1_000, 100, 185_938, 205_741)] // 1,000.026 → 1,000: collected
    [InlineData(200_000, 1_000, 200_000, 20_000, 1_350, 135, 198_515, 220_000)]
    [InlineData(250_000, 1_000, 250_000, 25_000, 2_700, 270, 247_030, 275_000)]
    [InlineData(333_333, 1_000, 333_333, 33_333, 4_949, 494, 327_890, 366_666)] // 183,333 × 0.027 = 4,949.991 → 4,949
    [InlineData(200_000, 550, 200_000, 11_000, 1_350, 135, 198_515, 211_000)]   // a 5.5% fee
    [InlineData(200_000, 0, 200_000, 0, 1_350, 135, 198_515, 200_000)]          // no fee
    public void Daily_wage_breakdown(long dailyWage, int feeBasisPoints, long gross, long fee, long incomeTax, long localTax, long net, long charge)
    {
        var breakdown = PayCalculator.Calculate(WageBasis.Daily(dailyWage), feeBasisPoints);

        Assert.Equal(gross, breakdown.GrossWageKrw);
        Assert.Equal(fee, breakdown.PlatformFeeKrw);
        Assert.Equal(incomeTax, breakdown.IncomeTaxKrw);
        Assert.Equal(localTax, breakdown.LocalIncomeTaxKrw);
        Assert.Equal(net, breakdown.NetToWorkerKrw);
        Assert.Equal(charge, breakdown.EmployerChargeKrw);
    }

    // hourly wage, minutes worked, employer subject to the overtime premium → gross.
    [Theory]
    [InlineData(10_030, 480, true, 80_240)]    // 8 hours: no premium
    [InlineData(10_030, 600, true, 110_330)]   // 8 × 10,030 + 2 × 15,045
    [InlineData(10_030, 600, false, 100_300)]  // employer not subject (fewer than 5 employees): straight time
    [InlineData(10_030, 510, true, 87_762)]    // half an hour of overtime: 7,522.5 truncated
    [InlineData(10_030, 240, true, 40_120)]    // a half day
    [InlineData(12_000, 0, true, 0)]
    public void Hourly_gross_wage_with_the_overtime_premium(long hourlyWage, int minutes, bool subjectToPremium, long gross) =>
        Assert.Equal(gross, PayCalculator.GrossWage(WageBasis.Hourly(hourlyWage, minutes, subjectToPremium)));

    // hourly wage, minutes, premium owed → plain wage, premium, overtime minutes, as a wage statement itemises the gross.
    [Theory]
    [InlineData(10_030, 510, true, 85_255, 2_507, 30)]   // 87,762 = 85,255 plain + 2,507 (the truncated half of 30 minutes' pay)
    [InlineData(10_030, 600, false, 100_300, 0, 120)]    // not owed: the overtime minutes shown, no premium
    [InlineData(12_000, 480, true, 96_000, 0, 0)]
    public void The_gross_splits_into_plain_pay_and_premium_that_sum_to_it(long hourlyWage, int minutes, bool owed, long plain, long premium, int overtimeMinutes)
    {
        var basis = WageBasis.Hourly(hourlyWage, minutes, owed);

        var parts = PayCalculator.Components(basis);

        Assert.Equal((plain, premium, overtimeMinutes), (parts.PlainWageKrw, parts.OvertimePremiumKrw, parts.OvertimeMinutes));
        Assert.Equal(PayCalculator.GrossWage(basis), parts.GrossWageKrw);
    }

    [Fact]
    public void Hourly_wage_is_taxed_on_the_days_gross()
    {
        var breakdown = PayCalculator.Calculate(WageBasis.Hourly(20_000, 720, employerOwesOvertimePremium: true), 1_000);

        Assert.Equal(280_000, breakdown.GrossWageKrw); // 8 × 20,000 + 4 × 30,000
        Assert.Equal(3_510, breakdown.IncomeTaxKrw);   // 130,000 × 2.7%
        Assert.Equal(351, breakdown.LocalIncomeTaxKrw);
    }

    [Fact]
    public void Negative_amounts_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PayCalculator.Calculate(WageBasis.Daily(-1), 1_000));
        Assert.Throws<ArgumentOutOfRangeException>(() => PayCalculator.Calculate(WageBasis.Daily(100_000), -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => PayCalculator.GrossWage(WageBasis.Hourly(10_000, -60, false)));
    }
}
