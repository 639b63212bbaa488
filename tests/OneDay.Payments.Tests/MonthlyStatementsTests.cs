using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneDay.Contracts;
using OneDay.Contracts.Payments;
using OneDay.Payments.Ledger;
using OneDay.Payments.ResidentNumbers;
using OneDay.Payments.Statements;
using OneDay.Payments.Tests.Infrastructure;
using OneDay.Payments.WagePayments;
using OneDay.Testing;

namespace OneDay.Payments.Tests;

/// <summary>
/// An employer's month: the 일용근로소득 지급명세서 and the 근로내용확인신고 drawn from its settled payments, equal to the
/// ledger to the won, with resident numbers masked in the summary and whole in the files, and nothing for anyone else.
/// </summary>
[Collection(PaymentsCollection.Name)]
public sealed class MonthlyStatementsTests(PaymentsFixture fixture) : LedgerCheckedTest(fixture)
{
    [Fact]
    public async Task A_month_of_several_workers_and_an_overtime_day_files_what_the_ledger_posted()
    {
        var employerId = Guid.CreateVersion7();
        var (kim, lee, park) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        await SaveIdentityAsync(kim, "김민수", ResidentNumberTests.Valid);
        await SaveIdentityAsync(lee, "이영희", "950615-2345672");
        var month = FilingMonth.Of(DateTimeOffset.UtcNow);
        var firstDay = month.StartsAt.AddHours(10);
        // 김민수 works the 1st and the 2nd; 이영희 15 hours at 12,000 won on the 1st (7 of them overtime); 박 has given no number.
        List<Payment> payments =
        [
            await WorkAndPayAsync(employerId, kim, 150_000, "Daily", 480, firstDay),
            await WorkAndPayAsync(employerId, kim, 200_000, "Daily", 480, firstDay.AddDays(1)),
            await WorkAndPayAsync(employerId, lee, 12_000, "Hourly", 900, firstDay),
            await WorkAndPayAsync(employerId, park, 180_000, "Daily", 480, firstDay),
        ];
        using var employer = Fixture.Client(employerId, UserRole.Employer);

        var summary = (await employer.GetFromJsonAsync<MonthlyStatementsView>($"/payments/statements/{month}", ContractJson.Options))!;
        var ledger = await LedgerPerWorkerAsync(payments);

        Assert.Equal(month.ToString(), summary.Month);
        Assert.Equal([kim, lee, park], summary.Withholding.Select(r => r.WorkerId));
        var (kimPaid, leePaid, parkPaid) = (summary.Withholding[0], summary.Withholding[1], summary.Withholding[2]);
        Assert.Equal(("김민수", "900101-1******", 2, 350_000L, 0L), (kimPaid.LegalName, kimPaid.ResidentNumber, kimPaid.DaysWorked, kimPaid.GrossPayKrw, kimPaid.NonTaxablePayKrw));
        // 150,000 a day is taxed nothing; 200,000 a day 1,350 + 135.
        Assert.Equal((1_350L, 135L), (kimPaid.IncomeTaxKrw, kimPaid.LocalIncomeTaxKrw));
        // 8 h × 12,000 + 7 h × 18,000.
        Assert.Equal((1, 222_000L, 1_944L, 194L), (leePaid.DaysWorked, leePaid.GrossPayKrw, leePaid.IncomeTaxKrw, leePaid.LocalIncomeTaxKrw));
        // 810 won of tax is under 1,000 won and not collected (소액부징수).
        Assert.Equal((null, null, 180_000L, 0L), (parkPaid.LegalName, parkPaid.ResidentNumber, parkPaid.GrossPayKrw, parkPaid.IncomeTaxKrw));
        foreach (var row in summary.Withholding)
        {
            Assert.Equal(ledger[row.WorkerId].GrossPayKrw, row.GrossPayKrw);
            Assert.Equal(ledger[row.WorkerId].WithheldKrw, row.IncomeTaxKrw + row.LocalIncomeTaxKrw);
        }
        Assert.Equal(ledger.Values.Sum(w => w.GrossPayKrw), summary.WithholdingTotals.GrossPayKrw);
        Assert.Equal(ledger.Values.Sum(w => w.WithheldKrw), summary.WithholdingTotals.IncomeTaxKrw + summary.WithholdingTotals.LocalIncomeTaxKrw);

        Assert.Equal([kim, lee, park], summary.EmploymentInsurance.Select(r => r.WorkerId));
        var (kimWorked, leeWorked) = (summary.EmploymentInsurance[0], summary.EmploymentInsurance[1]);
        Assert.Equal([1, 2], kimWorked.DaysWorked);
        Assert.Equal((2, 350_000L), (kimWorked.TotalDays, kimWorked.TotalPayKrw));
        Assert.Equal([1], leeWorked.DaysWorked);
        Assert.Equal((15, 222_000L), (leeWorked.AverageDailyHours, leeWorked.TotalPayKrw));
        Assert.Equal(park, Assert.Single(summary.WorkersMissingResidentNumber).WorkerId);
        Assert.Equal((month.WithholdingStatementDue, month.EmploymentInsuranceReportDue), (summary.WithholdingStatementDue, summary.EmploymentInsuranceReportDue));
    }

    [Theory]
    [InlineData("2026-12", "2027-01-31", "2027-01-15")]
    [InlineData("2027-01", "2027-02-28", "2027-02-15")]
    [InlineData("2028-01", "2028-02-29", "2028-02-15")]
    public void The_statement_is_due_at_the_end_of_the_next_month_and_the_report_on_its_15th(string month, string statementDue, string reportDue)
    {
        Assert.True(FilingMonth.TryParse(month, out var filingMonth));

        Assert.Equal(DateOnly.Parse(statementDue, CultureInfo.InvariantCulture), filingMonth.WithholdingStatementDue);
        Assert.Equal(DateOnly.Parse(reportDue, CultureInfo.InvariantCulture), filingMonth.EmploymentInsuranceReportDue);
    }

    [Fact]
    public async Task The_files_carry_the_whole_numbers_in_the_documented_columns_and_another_employer_gets_nothing()
    {
        var employerId = Guid.CreateVersion7();
        var (kim, park) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        await SaveIdentityAsync(kim, "김민수", ResidentNumberTests.Valid);
        var month = FilingMonth.Of(DateTimeOffset.UtcNow);
        await WorkAndPayAsync(employerId, kim, 200_000, "Daily", 540, month.StartsAt.AddDays(2).AddHours(10));
        await WorkAndPayAsync(employerId, park, 160_000, "Daily", 480, month.StartsAt.AddDays(2).AddHours(10));
        using var employer = Fixture.Client(employerId, UserRole.Employer);
        using var otherEmployer = Fixture.Client(Guid.CreateVersion7(), UserRole.Employer);
        using var worker = Fixture.Client(kim, UserRole.Worker);

        using var withholdingFile = await employer.GetAsync($"/payments/statements/{month}/daily-wage-withholding.csv");
        var withholding = await LinesAsync(withholdingFile);
        var insurance = await LinesAsync(await employer.GetAsync($"/payments/statements/{month}/employment-insurance.csv"));
        var othersSummary = (await otherEmployer.GetFromJsonAsync<MonthlyStatementsView>($"/payments/statements/{month}", ContractJson.Options))!;
        var othersFile = await LinesAsync(await otherEmployer.GetAsync($"/payments/statements/{month}/daily-wage-withholding.csv"));
        using var workerAsks = await worker.GetAsync($"/payments/statements/{month}");
        using var badMonth = await employer.GetAsync("/payments/statements/2026-13");
        using var farMonth = await employer.GetAsync("/payments/statements/0001-01/employment-insurance.csv");

        Assert.Equal("text/csv", withholdingFile.Content.Headers.ContentType!.MediaType);
        Assert.Equal("귀속연도,지급월,근무월,성명,주민등록번호,근무일수,과세소득,비과세소득,소득세,지방소득세", withholding[0]);
        Assert.Equal($"{month.Year},{month.Compact},{month.Compact},김민수,9001011234568,1,200000,0,1350,135", withholding[1]);
        Assert.Equal($"{month.Year},{month.Compact},{month.Compact},,,1,160000,0,0,0", withholding[2]);
        Assert.StartsWith("신고월,성명,주민등록번호,국적코드,1일,2일,3일,", insurance[0], StringComparison.Ordinal);
        Assert.EndsWith(",31일,근로일수,일평균근로시간,보수총액", insurance[0], StringComparison.Ordinal);
        Assert.Equal($"{month.Compact},김민수,9001011234568,100,,,1{new string(',', 29)}1,9,200000", insurance[1]);
        Assert.Empty(othersSummary.Withholding);
        Assert.Empty(othersSummary.EmploymentInsurance);
        Assert.Single(othersFile);
        Assert.Equal(HttpStatusCode.Forbidden, workerAsks.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badMonth.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, farMonth.StatusCode);
    }

    [Fact]
    public async Task An_employer_with_workers_to_file_is_reminded_once_before_each_deadline()
    {
        var employerId = Guid.CreateVersion7();
        var (kim, park) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        await SaveIdentityAsync(kim, "김민수", ResidentNumberTests.Valid);
        var month = FilingMonth.Of(DateTimeOffset.UtcNow);
        await WorkAndPayAsync(employerId, kim, 200_000, "Daily", 480, month.StartsAt.AddHours(10));
        await WorkAndPayAsync(employerId, park, 160_000, "Daily", 480, month.StartsAt.AddHours(10));
        var next = month.Next;

        // The report is due on the 15th and reminders go from 3 days before; the statement is due on the last day.
        var tooEarly = await RemindAsync(new DateOnly(next.Year, next.Month, 11));
        await RemindAsync(new DateOnly(next.Year, next.Month, 12));
        await RemindAsync(new DateOnly(next.Year, next.Month, 14));
        await RemindAsync(month.WithholdingStatementDue.AddDays(-1));
        await RemindAsync(month.WithholdingStatementDue);
        var events = (await Fixture.Events.WaitForAsync(received => received.Count(e => IsFor(e, employerId)) == 2)).Where(e => IsFor(e, employerId)).ToList();

        Assert.Equal(0, tooEarly);
        Assert.Equal(2, await Fixture.QueryAsync(db => db.FilingReminders.CountAsync(r => r.EmployerId == employerId)));
        var report = Assert.Single(events, e => e.Data.GetProperty("filing").GetString() == FilingDeadlineApproaching.EmploymentInsurance);
        var statement = Assert.Single(events, e => e.Data.GetProperty("filing").GetString() == FilingDeadlineApproaching.DailyWageWithholding);
        Assert.Equal((month.ToString(), $"{next.Year:D4}-{next.Month:D2}-15", 2, 1), Summary(report));
        Assert.Equal((month.ToString(), month.WithholdingStatementDue.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), 2, 1), Summary(statement));
    }

    private async Task<int> RemindAsync(DateOnly today)
    {
        await using var scope = Fixture.Service.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<FilingReminders>().RemindAsync(today, CancellationToken.None);
    }

    private static bool IsFor(ProbedEvent probed, Guid employerId) =>
        probed.Topic == "filing-deadline-approaching" && probed.Data.GetProperty("employerId").GetGuid() == employerId;

    private static (string? Month, string? DueOn, int Workers, int Missing) Summary(ProbedEvent reminder) =>
        (reminder.Data.GetProperty("month").GetString(), reminder.Data.GetProperty("dueOn").GetString(),
            reminder.Data.GetProperty("workers").GetInt32(), reminder.Data.GetProperty("workersMissingResidentNumber").GetInt32());

    private async Task SaveIdentityAsync(Guid workerId, string name, string residentNumber)
    {
        using var worker = Fixture.Client(workerId, UserRole.Worker);
        using var saved = await worker.PutAsJsonAsync("/payments/tax-identity", new SaveTaxIdentity(name, residentNumber));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
    }

    private async Task<Payment> WorkAndPayAsync(Guid employerId, Guid workerId, long wageKrw, string wageUnit, int minutes, DateTimeOffset completedAt)
    {
        var completed = await Fixture.CompleteJobAsync(employerId, workerId, wageKrw, wageUnit, minutes, completedAt);
        return await Fixture.PayAsync(employerId, completed.ApplicationId);
    }

    /// <summary>Per worker, what their payments' settlement journals posted: the gross (escrow paid out less the fee) and the withholding.</summary>
    private Task<Dictionary<Guid, (long GrossPayKrw, long WithheldKrw)>> LedgerPerWorkerAsync(IEnumerable<Payment> payments) => Fixture.QueryAsync(async db =>
    {
        var perWorker = new Dictionary<Guid, (long, long)>();
        foreach (var payment in payments)
        {
            var postings = await db.Journals.AsNoTracking().Where(j => j.Reference == PaymentJournals.SettlementReference(payment.Id))
                .SelectMany(j => j.Postings)
                .Join(db.LedgerAccounts, p => p.AccountId, a => a.Id, (p, a) => new { a.Kind, p.AmountKrw })
                .ToListAsync();
            var gross = -postings.Where(p => p.Kind is AccountKind.Escrow or AccountKind.PlatformFees).Sum(p => p.AmountKrw);
            var withheld = postings.Where(p => p.Kind == AccountKind.WithholdingTax).Sum(p => p.AmountKrw);
            var (sumGross, sumWithheld) = perWorker.GetValueOrDefault(payment.WorkerId);
            perWorker[payment.WorkerId] = (sumGross + gross, sumWithheld + withheld);
        }
        return perWorker;
    });

    private static async Task<string[]> LinesAsync(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
            return Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        }
    }
}
