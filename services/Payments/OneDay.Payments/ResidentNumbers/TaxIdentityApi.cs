using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OneDay.Contracts;
using OneDay.Payments.Data;
using OneDay.Payments.Statements;
using OneDay.ServiceDefaults.Errors;
using OneDay.ServiceDefaults.Security;

namespace OneDay.Payments.ResidentNumbers;

/// <summary>
/// The worker's own name and resident registration number for the filings: always the caller's, so there is no id
/// another user could try. The number goes in once and comes back only masked.
/// </summary>
public static class TaxIdentityApi
{
    /// <summary>Why the number is asked for, told where it is collected (docs/resident-numbers.md §2).</summary>
    public const string Purpose =
        "주민등록번호는 급여를 지급한 사업주가 일용근로소득 지급명세서(국세청)와 근로내용확인신고(근로복지공단)를 제출하는 데에만 쓰입니다. "
        + "암호화해 보관하고 화면에는 가려서 보여 드리며, 전체 번호는 그달 급여를 지급한 사업주의 신고 파일에만 담깁니다. "
        + "직접 삭제하거나 회원 탈퇴하면 함께 지워집니다.";

    private const int MaxNameLength = 50;

    public static void MapTaxIdentity(this WebApplication app)
    {
        var identity = app.MapGroup("/payments/tax-identity").WithTags("Tax identity").RequireAuthorization(nameof(UserRole.Worker));
        identity.MapGet("/", GetAsync).WithName("GetTaxIdentity").WithSummary("The caller's name and resident registration number for the filings, masked");
        identity.MapPut("/", PutAsync).WithName("PutTaxIdentity")
            .WithSummary("Saves the caller's name and resident registration number, used only for the employers' 지급명세서 and 근로내용확인신고");
        identity.MapDelete("/", DeleteAsync).WithName("DeleteTaxIdentity").WithSummary("Erases the caller's resident registration number");
    }

    private static async Task<Results<Ok<TaxIdentityView>, ProblemHttpResult>> GetAsync(
        ClaimsPrincipal user, PaymentsDbContext db, ResidentNumberCipher cipher, CancellationToken cancellationToken)
    {
        var workerId = user.UserId();
        var identity = await db.WorkerTaxIdentities.AsNoTracking().SingleOrDefaultAsync(i => i.WorkerId == workerId, cancellationToken);
        return identity is null ? ApiProblems.NotFound("등록된 주민등록번호가 없습니다.") : TypedResults.Ok(TaxIdentityView.Of(identity, cipher));
    }

    private static async Task<Results<Ok<TaxIdentityView>, ProblemHttpResult>> PutAsync(
        SaveTaxIdentity request, ClaimsPrincipal user, PaymentsDbContext db, ResidentNumberCipher cipher, TimeProvider time, CancellationToken cancellationToken)
    {
        if (user.UserId() is not { } workerId) return ApiProblems.NotFound("사용자를 알 수 없습니다.");
        var name = request.LegalName?.Trim() ?? "";
        if (name.Length is 0 or > MaxNameLength) return ApiProblems.Invalid("legalName", $"성명을 1~{MaxNameLength}자로 입력해 주세요 (신분증의 이름 그대로).");
        var now = time.GetUtcNow();
        var (number, error) = ResidentNumber.Parse(request.ResidentNumber, KoreanTime.DateOf(now));
        if (number is null) return ApiProblems.Invalid("residentNumber", error!);

        var identity = new WorkerTaxIdentity { WorkerId = workerId, LegalName = name, SealedResidentNumber = cipher.Seal(workerId, number), UpdatedAt = now };
        // One statement, so two first saves at once cannot both insert.
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO worker_tax_identities (worker_id, legal_name, sealed_resident_number, updated_at)
            VALUES ({workerId}, {identity.LegalName}, {identity.SealedResidentNumber}, {now})
            ON CONFLICT (worker_id) DO UPDATE
              SET legal_name = excluded.legal_name, sealed_resident_number = excluded.sealed_resident_number, updated_at = excluded.updated_at
            """, cancellationToken);
        return TypedResults.Ok(TaxIdentityView.Of(identity, cipher));
    }

    private static async Task<NoContent> DeleteAsync(ClaimsPrincipal user, PaymentsDbContext db, CancellationToken cancellationToken)
    {
        if (user.UserId() is { } workerId) await TaxIdentityErasure.ForgetAsync(db, workerId, cancellationToken);
        return TypedResults.NoContent();
    }
}

/// <summary>What a worker enters: the name as registered and the number, with or without its hyphen.</summary>
public sealed record SaveTaxIdentity(string? LegalName, string? ResidentNumber);

/// <summary>What the worker is shown back: the number masked, and what it is for.</summary>
public sealed record TaxIdentityView(string LegalName, string ResidentNumber, DateTimeOffset UpdatedAt, string Purpose)
{
    public static TaxIdentityView Of(WorkerTaxIdentity identity, ResidentNumberCipher cipher) =>
        new(identity.LegalName, cipher.Open(identity.WorkerId, identity.SealedResidentNumber).Masked, identity.UpdatedAt, TaxIdentityApi.Purpose);
}
