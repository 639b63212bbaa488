using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OneDay.Contracts;
using OneDay.Contracts.Payments;
using OneDay.ServiceDefaults.Errors;
using OneDay.ServiceDefaults.Security;

namespace OneDay.Payments.Statements;

/// <summary>
/// The caller's own monthly filings (Employers): drawn for the caller's payments only, so another employer's month
/// is simply empty. The summary shows resident numbers masked; the files carry them whole, as the filings need.
/// </summary>
public static class StatementsApi
{
    public static void MapStatements(this WebApplication app)
    {
        var statements = app.MapGroup("/payments/statements/{month}").WithTags("Statements").RequireAuthorization(nameof(UserRole.Employer));
        statements.MapGet("/", SummaryAsync).WithName("GetMonthlyStatements")
            .WithSummary("A month's (yyyy-MM, Korean time) 일용근로소득 지급명세서 and 근로내용확인신고 figures, with the workers whose resident number is missing");
        statements.MapGet($"/{FilingDeadlineApproaching.DailyWageWithholding}.csv", WithholdingAsync).WithName("GetWithholdingStatementFile")
            .WithSummary("The 일용근로소득 지급명세서 of the wages paid in the month, as CSV (docs/employer-filings.md)");
        statements.MapGet($"/{FilingDeadlineApproaching.EmploymentInsurance}.csv", EmploymentInsuranceAsync).WithName("GetEmploymentInsuranceReportFile")
            .WithSummary("The 근로내용확인신고 of the days worked in the month, as CSV (docs/employer-filings.md)");
    }

    private static async Task<Results<Ok<MonthlyStatementsView>, ProblemHttpResult>> SummaryAsync(
        string month, ClaimsPrincipal user, MonthlyStatements statements, CancellationToken cancellationToken) =>
        await ForAsync(month, user, statements, cancellationToken) is { } found
            ? TypedResults.Ok(MonthlyStatementsView.Of(found))
            : BadMonth();

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> WithholdingAsync(
        string month, ClaimsPrincipal user, MonthlyStatements statements, CancellationToken cancellationToken) =>
        await ForAsync(month, user, statements, cancellationToken) is { } found
            ? TypedResults.File(StatementFiles.Withholding(found), StatementFiles.ContentType, StatementFiles.FileName(found.Month, FilingDeadlineApproaching.DailyWageWithholding))
            : BadMonth();

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> EmploymentInsuranceAsync(
        string month, ClaimsPrincipal user, MonthlyStatements statements, CancellationToken cancellationToken) =>
        await ForAsync(month, user, statements, cancellationToken) is { } found
            ? TypedResults.File(StatementFiles.EmploymentInsurance(found), StatementFiles.ContentType, StatementFiles.FileName(found.Month, FilingDeadlineApproaching.EmploymentInsurance))
            : BadMonth();

    private static async Task<EmployerMonth?> ForAsync(string month, ClaimsPrincipal user, MonthlyStatements statements, CancellationToken cancellationToken) =>
        FilingMonth.TryParse(month, out var filingMonth) && user.UserId() is { } employerId
            ? await statements.ForAsync(employerId, filingMonth, cancellationToken)
            : null;

    private static ProblemHttpResult BadMonth() => ApiProblems.Invalid("month", "신고할 달을 yyyy-MM 형식으로 입력해 주세요 (예: 2026-11).");
}
