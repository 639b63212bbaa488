using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using OneDay.Contracts;
using OneDay.Documents;
using OneDay.Jobs.Applications;
using OneDay.Jobs.Data;
using OneDay.Jobs.JobPostings;
using OneDay.Jobs.Workflows;
using OneDay.ServiceDefaults.Errors;
using OneDay.ServiceDefaults.Security;

namespace OneDay.Jobs.LabourContracts;

/// <summary>
/// A match's labour contract for its two parties: read it, sign it, download it as a PDF. Anyone else is told there
/// is no such contract, as for the application itself.
/// </summary>
public static class LabourContractsApi
{
    private static readonly CultureInfo Korean = CultureInfo.GetCultureInfo("ko-KR");

    public static void MapLabourContracts(this WebApplication app)
    {
        var contract = app.MapGroup("/jobs/applications/{applicationId:guid}/contract").WithTags("Labour contracts").RequireAuthorization();
        contract.MapGet("/", GetAsync).WithName("GetLabourContract").WithSummary("The match's labour contract in force, with its signatures (its two parties)");
        contract.MapPost("/sign", SignAsync).WithName("SignLabourContract")
            .WithSummary("Signs the contract in force: consent to the text whose SHA-256 is given; each party once");
        contract.MapGet("/pdf", PdfAsync).WithName("GetLabourContractPdf").WithSummary("The contract in force as a PDF, with its signatures");
    }

    private static async Task<Results<Ok<LabourContractView>, ProblemHttpResult>> GetAsync(
        Guid applicationId, ClaimsPrincipal user, JobsDbContext db, LabourContractRegister contracts, TimeProvider time, CancellationToken cancellationToken)
    {
        var (contract, party) = await ForPartyAsync(applicationId, user, db, contracts, time, cancellationToken);
        return contract is null ? NotFound() : TypedResults.Ok(LabourContractView.Of(contract, party));
    }

    /// <summary>
    /// Under the job's row lock, so a job edit cannot supersede the version between the check and the signature, and
    /// of two parties signing at once exactly one sees the contract complete and tells the workflow.
    /// </summary>
    private static async Task<Results<Ok<LabourContractView>, ProblemHttpResult>> SignAsync(
        Guid applicationId, SignLabourContract request, ClaimsPrincipal user, JobsDbContext db, LabourContractRegister contracts, JobApplicationWorkflows workflows,
        TimeProvider time, CancellationToken cancellationToken)
    {
        if (!request.Consent) return ApiProblems.Invalid("consent", "계약서 내용에 동의해야 서명할 수 있습니다.");
        var me = user.UserId()!.Value;
        var application = await db.Applications.AsNoTracking().SingleOrDefaultAsync(a => a.Id == applicationId && (a.WorkerId == me || a.EmployerId == me), cancellationToken);
        if (application is null) return NotFound();

        LabourContract? contract;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await db.LockJobAsync(application.JobId, cancellationToken);
            contract = await contracts.CurrentAsync(applicationId, cancellationToken);
            if (contract is null || contract.PartyOf(me) is not { } party) return NotFound();
            if (contract.Sign(party, me, request.DocumentSha256, time.GetUtcNow()) is { } refusal) return ApiProblems.Conflict(refusal);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                return ApiProblems.Conflict("이미 서명한 계약서입니다.");
            }
            await transaction.CommitAsync(cancellationToken);
        }
        if (contract.IsSignedByBoth) await workflows.TellContractSignedAsync(applicationId, cancellationToken);
        return TypedResults.Ok(LabourContractView.Of(contract, contract.PartyOf(me)!.Value));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> PdfAsync(
        Guid applicationId, ClaimsPrincipal user, JobsDbContext db, LabourContractRegister contracts, TimeProvider time, CancellationToken cancellationToken)
    {
        var (contract, _) = await ForPartyAsync(applicationId, user, db, contracts, time, cancellationToken);
        if (contract is null) return NotFound();
        return TypedResults.File(PaperPdf.Render(WithSignatures(contract)), "application/pdf", $"labour-contract-{contract.Id}-v{contract.Version}.pdf");
    }

    /// <summary>
    /// The version in force when the caller is one of its parties. A match made before contracts existed gets its
    /// first version on the first read, so it too can be signed and completed.
    /// </summary>
    private static async Task<(LabourContract? Contract, ApplicationParty Party)> ForPartyAsync(
        Guid applicationId, ClaimsPrincipal user, JobsDbContext db, LabourContractRegister contracts, TimeProvider time, CancellationToken cancellationToken)
    {
        var me = user.UserId();
        var application = await db.Applications.AsNoTracking().SingleOrDefaultAsync(a => a.Id == applicationId && (a.WorkerId == me || a.EmployerId == me), cancellationToken);
        if (application is null) return (null, default);
        var party = application.WorkerId == me ? ApplicationParty.Worker : ApplicationParty.Employer;
        if (await contracts.CurrentAsync(applicationId, cancellationToken) is { } current) return (current, party);
        if (application.Status != ApplicationStatus.Accepted) return (null, party);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var job = await db.LockJobAsync(application.JobId, cancellationToken);
        var drawn = await contracts.CurrentAsync(applicationId, cancellationToken) ?? await contracts.DrawAsync(job!, application, time.GetUtcNow(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (drawn, party);
    }

    /// <summary>The signed text as it was signed, then the signature record (outside the hashed text: it is about the text).</summary>
    private static PaperDocument WithSignatures(LabourContract contract)
    {
        var document = contract.Document;
        List<string> record = ["", "전자서명 기록", $"문서 SHA-256: {contract.DocumentSha256}"];
        foreach (var side in new[] { ApplicationParty.Employer, ApplicationParty.Worker })
        {
            var label = side == ApplicationParty.Employer ? "갑(사업주)" : "을(근로자)";
            var signature = contract.Signatures.SingleOrDefault(s => s.Party == side);
            record.Add(signature is null
                ? $"{label}: 서명 전"
                : $"{label}: {signature.SignedAt.ToOffset(KoreanTime.Offset).ToString("yyyy년 M월 d일 HH:mm:ss", Korean)} 회원번호 {signature.AccountId} 서명 (동의한 문서 SHA-256 {signature.DocumentSha256})");
        }
        return document with { Lines = [.. document.Lines, .. record] };
    }

    private static ProblemHttpResult NotFound() => ApiProblems.NotFound("근로계약서가 없습니다.");
}
