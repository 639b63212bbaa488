using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OneDay.Contracts;
using OneDay.Payments.Data;
using OneDay.ServiceDefaults.Errors;
using OneDay.ServiceDefaults.Security;

namespace OneDay.Payments.Assignments;

/// <summary>The caller's own payroll settings (Employers): there is no id another employer could try.</summary>
public static class PayrollSettingsApi
{
    public static void MapPayrollSettings(this WebApplication app)
    {
        var settings = app.MapGroup("/payments/payroll-settings").WithTags("Payroll").RequireAuthorization(nameof(UserRole.Employer));
        settings.MapGet("/", GetAsync).WithName("GetPayrollSettings");
        settings.MapPut("/", PutAsync).WithName("PutPayrollSettings")
            .WithSummary("Whether the 1.5× overtime premium binds this employer (workplaces of five or more); applies to work completed afterwards, never to work already done");
    }

    /// <summary>The employer's settings (the defaults when none were saved).</summary>
    public static async Task<PayrollSettings> ForAsync(PaymentsDbContext db, Guid employerId, CancellationToken cancellationToken) =>
        await db.PayrollSettings.AsNoTracking().SingleOrDefaultAsync(s => s.EmployerId == employerId, cancellationToken)
        ?? new PayrollSettings { EmployerId = employerId };

    private static async Task<Results<Ok<PayrollSettingsView>, ProblemHttpResult>> GetAsync(ClaimsPrincipal user, PaymentsDbContext db, CancellationToken cancellationToken) =>
        user.UserId() is { } employerId
            ? TypedResults.Ok(new PayrollSettingsView((await ForAsync(db, employerId, cancellationToken)).OwesOvertimePremium))
            : ApiProblems.NotFound("사용자를 알 수 없습니다.");

    private static async Task<Results<Ok<PayrollSettingsView>, ProblemHttpResult>> PutAsync(
        PayrollSettingsView request, ClaimsPrincipal user, PaymentsDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (user.UserId() is not { } employerId) return ApiProblems.NotFound("사용자를 알 수 없습니다.");
        // One statement, so two saves at once cannot both insert.
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO payroll_settings (employer_id, owes_overtime_premium, updated_at)
            VALUES ({employerId}, {request.OwesOvertimePremium}, {time.GetUtcNow()})
            ON CONFLICT (employer_id) DO UPDATE SET owes_overtime_premium = excluded.owes_overtime_premium, updated_at = excluded.updated_at
            """, cancellationToken);
        return TypedResults.Ok(request);
    }
}
