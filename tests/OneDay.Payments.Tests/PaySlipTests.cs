using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using OneDay.Contracts;
using OneDay.Payments.Ledger;
using OneDay.Payments.PaySlips;
using OneDay.Payments.Tests.Infrastructure;
using OneDay.Payments.WagePayments;
using OneDay.Testing;

namespace OneDay.Payments.Tests;

/// <summary>The 임금명세서 each settlement gives its worker: every figure the ledger's, readable by the worker and the employer who paid.</summary>
[Collection(PaymentsCollection.Name)]
public sealed class PaySlipTests(PaymentsFixture fixture) : LedgerCheckedTest(fixture)
{
    [Fact]
    public async Task A_settled_day_with_overtime_gives_a_pay_slip_whose_figures_are_the_ledgers_to_the_won()
    {
        var employerId = Guid.CreateVersion7();
        var workerId = Guid.CreateVersion7();
        // 15 hours at 12,000 won: 8 plain, 7 with the 50% premium.
        var completed = await Fixture.CompleteJobAsync(employerId, workerId, 12_000, "Hourly", minutesWorked: 900);
        var payment = await Fixture.CreatePaymentAsync(employerId, completed.ApplicationId);
        using var worker = Fixture.Client(workerId, UserRole.Worker);
        using var beforeSettling = await worker.GetAsync($"/payments/{payment.Id}/pay-slip");
        using (var confirmed = await Fixture.PayAndConfirmAsync(employerId, payment)) Assert.Equal(HttpStatusCode.Accepted, confirmed.StatusCode);
        var settled = await Fixture.WaitForPaymentAsync(payment.Id, PaymentStatus.Completed);

        var slip = (await worker.GetFromJsonAsync<PaySlipView>($"/payments/{payment.Id}/pay-slip", ContractJson.Options))!;
        var postings = await SettlementPostingsAsync(payment.Id);

        Assert.Equal(HttpStatusCode.NotFound, beforeSettling.StatusCode);
        Assert.Equal((900, 420), (slip.MinutesWorked, slip.OvertimeMinutes));
        Assert.Equal(180_000, slip.PlainWageKrw);
        Assert.Equal(42_000, slip.OvertimePremiumKrw);
        Assert.Equal(222_000, slip.GrossWageKrw);
        Assert.Equal((1_944, 194), (slip.IncomeTaxKrw, slip.LocalIncomeTaxKrw));
        Assert.Equal(219_862, slip.NetPayKrw);
        // The ledger: what the settlement journal put in the worker's wallet and the withholding account, and what escrow paid out less the fee.
        Assert.Equal(postings[(AccountKind.WorkerWallet, workerId)], slip.NetPayKrw);
        Assert.Equal(postings[(AccountKind.WithholdingTax, null)], slip.TotalDeductionsKrw);
        Assert.Equal(-postings[(AccountKind.Escrow, null)] - postings[(AccountKind.PlatformFees, null)], slip.GrossWageKrw);
        Assert.Equal(slip.PlainWageKrw + slip.OvertimePremiumKrw - slip.IncomeTaxKrw - slip.LocalIncomeTaxKrw, slip.NetPayKrw);
        Assert.Equal(settled.SettledAt, slip.PaidAt);
        Assert.Equal(employerId, slip.PayerId);
    }

    [Fact]
    public async Task The_worker_and_the_employer_who_paid_read_and_download_it_and_nobody_else_does()
    {
        var workerId = Guid.CreateVersion7();
        var paid = await Fixture.PaidWorkerAsync(workerId, 200_000);
        using var worker = Fixture.Client(workerId, UserRole.Worker);
        using var employer = Fixture.Client(paid.EmployerId, UserRole.Employer);
        using var otherWorker = Fixture.Client(Guid.CreateVersion7(), UserRole.Worker);
        using var otherEmployer = Fixture.Client(Guid.CreateVersion7(), UserRole.Employer);

        var workersCopy = (await worker.GetFromJsonAsync<PaySlipView>($"/payments/{paid.Id}/pay-slip", ContractJson.Options))!;
        var employersCopy = (await employer.GetFromJsonAsync<PaySlipView>($"/payments/{paid.Id}/pay-slip", ContractJson.Options))!;
        var pdf = PdfText.Of(await worker.GetByteArrayAsync($"/payments/{paid.Id}/pay-slip/pdf"));
        using var strangerSees = await otherWorker.GetAsync($"/payments/{paid.Id}/pay-slip");
        using var otherEmployerSees = await otherEmployer.GetAsync($"/payments/{paid.Id}/pay-slip/pdf");

        Assert.Equal(workersCopy.Text, employersCopy.Text);
        Assert.Equal(HttpStatusCode.NotFound, strangerSees.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherEmployerSees.StatusCode);
        // 200,000 daily: (200,000 − 150,000) × 2.7% = 1,350 income tax, 135 local tax.
        Assert.Contains("임금명세서", pdf);
        Assert.Contains("기본급: 200,000원 (일급)", pdf);
        Assert.Contains("소득세: 1,350원", pdf);
        Assert.Contains("지방소득세: 135원", pdf);
        Assert.Contains("실지급액: 198,515원", pdf);
        Assert.Contains(workerId.ToString(), pdf);
    }

    /// <summary>Each account's posting in the payment's settlement journal.</summary>
    private Task<Dictionary<(AccountKind Kind, Guid? Owner), long>> SettlementPostingsAsync(Guid paymentId) => Fixture.QueryAsync(async db =>
        (await db.Journals.AsNoTracking().Where(j => j.Reference == PaymentJournals.SettlementReference(paymentId))
            .SelectMany(j => j.Postings)
            .Join(db.LedgerAccounts, p => p.AccountId, a => a.Id, (p, a) => new { a.Kind, a.OwnerId, p.AmountKrw })
            .ToListAsync())
        .ToDictionary(p => (p.Kind, p.OwnerId), p => p.AmountKrw));
}
