using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OneDay.Contracts;
using OneDay.ServiceDefaults.Errors;
using OneDay.ServiceDefaults.Security;

namespace OneDay.Payments.Payroll;

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

    private static async Task<Results<Ok<PayrollSettingsView>, ProblemHttpResult>> GetAsync(
        ClaimsPrincipal user, PayrollSettingsRegister register, CancellationToken cancellationToken) =>
        user.UserId() is { } employerId
            ? TypedResults.Ok(new PayrollSettingsView((await register.ForAsync(employerId, cancellationToken)).OwesOvertimePremium))
            : ApiProblems.NotFound("사용자를 알 수 없습니다.");

    private static async Task<Results<Ok<PayrollSettingsView>, ProblemHttpResult>> PutAsync(
        PayrollSettingsView request, ClaimsPrincipal user, PayrollSettingsRegister register, CancellationToken cancellationToken)
    {
        if (user.UserId() is not { } employerId) return ApiProblems.NotFound("사용자를 알 수 없습니다.");
        await register.SaveAsync(employerId, request.OwesOvertimePremium, cancellationToken);
        return TypedResults.Ok(request);
    }
}
