using System.Net;
using System.Net.Http.Json;
using OneDay.Contracts;
using OneDay.Payments.Payroll;
using OneDay.Payments.Tests.Infrastructure;
using OneDay.Payments.WagePayments;

namespace OneDay.Payments.Tests;

/// <summary>What an hourly day costs: the minutes jobs recorded, and the overtime premium where it binds the employer.</summary>
[Collection(PaymentsCollection.Name)]
public sealed class PayrollTests(PaymentsFixture fixture) : LedgerCheckedTest(fixture)
{
    [Fact]
    public async Task Ten_hours_at_12000_won_cost_132000_with_the_premium_an_employer_owes_by_default()
    {
        var employerId = Guid.CreateVersion7();
        var completed = await Fixture.CompleteJobAsync(employerId, Guid.CreateVersion7(), 12_000, "Hourly", minutesWorked: 600);

        var payment = await Fixture.CreatePaymentAsync(employerId, completed.ApplicationId);

        // 8 h × 12,000 + 2 h × 18,000 = 132,000; the platform's 10% on top.
        Assert.Equal(132_000, payment.GrossWageKrw);
        Assert.Equal(145_200, payment.AmountKrw);
    }

    [Fact]
    public async Task An_employer_the_premium_does_not_bind_pays_the_plain_hours_from_then_on()
    {
        var employerId = Guid.CreateVersion7();
        using var employer = Fixture.Client(employerId, UserRole.Employer);
        var before = await employer.GetFromJsonAsync<PayrollSettingsView>("/payments/payroll-settings");

        using var saved = await employer.PutAsJsonAsync("/payments/payroll-settings", new PayrollSettingsView(OwesOvertimePremium: false));
        var completed = await Fixture.CompleteJobAsync(employerId, Guid.CreateVersion7(), 12_000, "Hourly", minutesWorked: 600);
        var payment = await Fixture.CreatePaymentAsync(employerId, completed.ApplicationId);

        Assert.True(before!.OwesOvertimePremium);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.False((await employer.GetFromJsonAsync<PayrollSettingsView>("/payments/payroll-settings"))!.OwesOvertimePremium);
        Assert.Equal(120_000, payment.GrossWageKrw);
    }

    [Fact]
    public async Task Switching_the_premium_off_after_the_overtime_was_worked_does_not_take_it_from_that_work()
    {
        var employerId = Guid.CreateVersion7();
        using var employer = Fixture.Client(employerId, UserRole.Employer);
        var completed = await Fixture.CompleteJobAsync(employerId, Guid.CreateVersion7(), 12_000, "Hourly", minutesWorked: 600);

        using var switchedOff = await employer.PutAsJsonAsync("/payments/payroll-settings", new PayrollSettingsView(OwesOvertimePremium: false));
        var payment = await Fixture.CreatePaymentAsync(employerId, completed.ApplicationId);
        var later = await Fixture.CompleteJobAsync(employerId, Guid.CreateVersion7(), 12_000, "Hourly", minutesWorked: 600);
        var laterPayment = await Fixture.CreatePaymentAsync(employerId, later.ApplicationId);

        Assert.Equal(HttpStatusCode.OK, switchedOff.StatusCode);
        // The 2 hours beyond 8 were worked while the premium was owed: 8 h × 12,000 + 2 h × 18,000.
        Assert.Equal(132_000, payment.GrossWageKrw);
        // Work completed after the change is paid as the employer now says.
        Assert.Equal(120_000, laterPayment.GrossWageKrw);
    }

    [Fact]
    public async Task A_daily_wage_is_the_day_whatever_the_minutes_and_workers_cannot_set_payroll()
    {
        var employerId = Guid.CreateVersion7();
        var completed = await Fixture.CompleteJobAsync(employerId, Guid.CreateVersion7(), 150_000, "Daily", minutesWorked: 600);
        using var worker = Fixture.Client(Guid.CreateVersion7(), UserRole.Worker);

        var payment = await Fixture.CreatePaymentAsync(employerId, completed.ApplicationId);
        using var refused = await worker.PutAsJsonAsync("/payments/payroll-settings", new PayrollSettingsView(false));

        Assert.Equal(150_000, payment.GrossWageKrw);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }
}
