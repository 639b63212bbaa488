using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OneDay.Documents;
using OneDay.Payments.Data;
using OneDay.ServiceDefaults.Errors;
using OneDay.ServiceDefaults.Security;

namespace OneDay.Payments.PaySlips;

/// <summary>
/// A settled payment's wage statement, for the worker it paid and the employer who paid it; anyone else, and a payment
/// not settled, is told there is none.
/// </summary>
public static class PaySlipsApi
{
    public static void MapPaySlips(this WebApplication app)
    {
        var slip = app.MapGroup("/payments/{id:guid}/pay-slip").WithTags("Pay slips").RequireAuthorization();
        slip.MapGet("/", GetAsync).WithName("GetPaySlip").WithSummary("The wage statement (임금명세서) of a settled payment, with its text");
        slip.MapGet("/pdf", PdfAsync).WithName("GetPaySlipPdf").WithSummary("The wage statement as a PDF");
    }

    private static async Task<Results<Ok<PaySlipView>, ProblemHttpResult>> GetAsync(Guid id, ClaimsPrincipal user, PaymentsDbContext db, CancellationToken cancellationToken) =>
        await FindAsync(id, user, db, cancellationToken) is { } slip ? TypedResults.Ok(PaySlipView.Of(slip)) : NotFound();

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> PdfAsync(Guid id, ClaimsPrincipal user, PaymentsDbContext db, CancellationToken cancellationToken) =>
        await FindAsync(id, user, db, cancellationToken) is { } slip
            ? TypedResults.File(PaperPdf.Render(slip.Document()), "application/pdf", $"pay-slip-{slip.PaymentId}.pdf")
            : NotFound();

    private static async Task<PaySlip?> FindAsync(Guid paymentId, ClaimsPrincipal user, PaymentsDbContext db, CancellationToken cancellationToken)
    {
        var caller = user.UserId();
        var payment = await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == paymentId, cancellationToken);
        if (payment is null || caller is null || !payment.IsVisibleTo(caller.Value)) return null;
        var settlement = await db.Settlements.AsNoTracking().SingleOrDefaultAsync(s => s.PaymentId == paymentId, cancellationToken);
        var owed = await db.OwedWages.AsNoTracking().SingleOrDefaultAsync(a => a.ApplicationId == payment.ApplicationId, cancellationToken);
        return settlement is null || owed is null ? null : PaySlip.Of(payment, settlement, owed);
    }

    private static ProblemHttpResult NotFound() => ApiProblems.NotFound("임금명세서가 없습니다.");
}

/// <summary>A pay slip's figures and its exact text, as its reader sees it.</summary>
public sealed record PaySlipView(
    Guid PaymentId, Guid SettlementId, Guid ApplicationId, Guid WorkerId, Guid PayerId, DateTimeOffset PaidAt, string Kind,
    string WageUnit, long WageRateKrw, int MinutesWorked, int OvertimeMinutes,
    long PlainWageKrw, long OvertimePremiumKrw, long GrossWageKrw, long IncomeTaxKrw, long LocalIncomeTaxKrw, long TotalDeductionsKrw, long NetPayKrw, string Text)
{
    public static PaySlipView Of(PaySlip slip) => new(
        slip.PaymentId, slip.SettlementId, slip.ApplicationId, slip.WorkerId, slip.PayerId, slip.PaidAt, slip.Kind.ToString(), slip.WageUnit, slip.WageRateKrw, slip.MinutesWorked,
        slip.OvertimeMinutes, slip.PlainWageKrw, slip.OvertimePremiumKrw, slip.GrossWageKrw, slip.IncomeTaxKrw, slip.LocalIncomeTaxKrw, slip.TotalDeductionsKrw,
        slip.NetPayKrw, slip.Document().Text);
}
