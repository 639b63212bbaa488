using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using OneDay.Contracts;
using OneDay.Contracts.Users;
using OneDay.Jobs.Applications;
using OneDay.Jobs.JobPostings;
using OneDay.Jobs.LabourContracts;
using OneDay.Jobs.Tests.Infrastructure;
using OneDay.Testing;

namespace OneDay.Jobs.Tests;

/// <summary>The 근로계약서 of a match: drawn from the job, read and signed by its two parties only, a PDF, and the gate on completion.</summary>
[Collection(JobsCollection.Name)]
public sealed class LabourContractTests(JobsFixture fixture)
{
    [Fact]
    public async Task A_match_gets_a_contract_drawn_from_the_job_that_only_its_parties_read_and_download_as_a_Korean_PDF()
    {
        var (job, applicationId, employer, worker) = await MatchedAsync(Terms.Job(matchingMode: MatchingMode.Instant, wageKrw: 13_500) with { BreakMinutes = 60 });

        var (_, contract) = await fixture.ContractAsync(applicationId, worker, UserRole.Worker);
        var (_, employersCopy) = await fixture.ContractAsync(applicationId, employer, UserRole.Employer);
        var (strangerSees, _) = await fixture.ContractAsync(applicationId, Guid.NewGuid(), UserRole.Worker);
        var (otherEmployerSees, _) = await fixture.ContractAsync(applicationId, Guid.NewGuid(), UserRole.Employer);
        using var client = fixture.Client(worker, UserRole.Worker);
        var pdf = await client.GetByteArrayAsync($"/jobs/applications/{applicationId}/contract/pdf");
        using var strangerClient = fixture.Client(Guid.NewGuid(), UserRole.Worker);
        using var strangersPdf = await strangerClient.GetAsync($"/jobs/applications/{applicationId}/contract/pdf");

        Assert.Equal(HttpStatusCode.NotFound, strangerSees);
        Assert.Equal(HttpStatusCode.NotFound, otherEmployerSees);
        Assert.Equal(HttpStatusCode.NotFound, strangersPdf.StatusCode);
        Assert.Equal(contract!.Text, employersCopy!.Text);
        Assert.Equal(1, contract.Version);
        Assert.False(contract.SignedByBoth);
        foreach (var text in new[] { contract.Text, PdfText.Of(pdf) })
        {
            Assert.Contains(LabourContractDocument.Title, text);
            Assert.Contains("박사장", text);
            Assert.Contains("김일용", text);
            Assert.Contains(job.Address, text);
            Assert.Contains("시간급 13,500원", text);
            // A job posted in the evening (Korean time) ends on the day after its work day.
            var endsNextDay = KoreanTime.DateOf(job.EndsAt) > job.WorkDate ? "다음 날 " : "";
            Assert.Contains($"{job.StartTime:HH:mm}부터 {endsNextDay}{job.EndTime:HH:mm}까지, 휴게시간 60분 (소정근로시간 7시간)", text);
            Assert.Contains("주휴일", text);
            Assert.Contains("고용보험", text);
        }
        Assert.Contains("서명 전", PdfText.Of(pdf));
    }

    [Fact]
    public async Task Each_party_signs_once_the_exact_text_they_read_and_the_record_keeps_its_hash()
    {
        var (_, applicationId, employer, worker) = await MatchedAsync(Terms.Job(matchingMode: MatchingMode.Instant));
        var (_, contract) = await fixture.ContractAsync(applicationId, worker, UserRole.Worker);
        using var client = fixture.Client(worker, UserRole.Worker);
        var path = $"/jobs/applications/{applicationId}/contract/sign";

        using var withoutConsent = await client.PostAsJsonAsync(path, new SignLabourContract(contract!.DocumentSha256, Consent: false), ContractJson.Options);
        using var otherText = await client.PostAsJsonAsync(path, new SignLabourContract(new string('0', 64), Consent: true), ContractJson.Options);
        var first = await fixture.SignContractAsync(applicationId, worker, UserRole.Worker);
        var again = await fixture.SignContractAsync(applicationId, worker, UserRole.Worker);
        var byEmployer = await fixture.SignContractAsync(applicationId, employer, UserRole.Employer);
        var byStranger = await SignWithAsync(applicationId, Guid.NewGuid(), contract.DocumentSha256);
        var (_, signed) = await fixture.ContractAsync(applicationId, employer, UserRole.Employer);
        var stored = await fixture.QueryAsync(db => db.LabourContracts.AsNoTracking().Include(c => c.Signatures).SingleAsync(c => c.ApplicationId == applicationId));

        Assert.Equal(HttpStatusCode.BadRequest, withoutConsent.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, otherText.StatusCode);
        Assert.Equal(HttpStatusCode.OK, first);
        Assert.Equal(HttpStatusCode.Conflict, again);
        Assert.Equal(HttpStatusCode.OK, byEmployer);
        Assert.Equal(HttpStatusCode.NotFound, byStranger);
        Assert.True(signed!.SignedByBoth);
        var textHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(stored.Text)));
        Assert.Equal(textHash, stored.DocumentSha256);
        Assert.Equal(2, stored.Signatures.Count);
        Assert.All(stored.Signatures, s => Assert.Equal(textHash, s.DocumentSha256));
        Assert.Equal(worker, stored.Signatures.Single(s => s.Party == ApplicationParty.Worker).AccountId);
        Assert.Equal(employer, stored.Signatures.Single(s => s.Party == ApplicationParty.Employer).AccountId);
        Assert.All(stored.Signatures, s => Assert.Equal(ContractSignature.ConsentStatement, s.Consent));
    }

    [Fact]
    public async Task Work_is_completed_only_once_both_parties_have_signed()
    {
        var (job, applicationId, employer, worker) = await MatchedAsync(Terms.Job(startsIn: TimeSpan.FromSeconds(2), matchingMode: MatchingMode.Instant));
        await Eventually.TrueAsync(() => Task.FromResult(DateTimeOffset.UtcNow > job.StartsAt), what: "the work starting");
        using var client = fixture.Client(employer, UserRole.Employer);
        var path = $"/jobs/applications/{applicationId}/complete";

        using var unsigned = await client.PostAsJsonAsync(path, new CompleteWork(480), ContractJson.Options);
        await fixture.SignContractAsync(applicationId, worker, UserRole.Worker);
        using var halfSigned = await client.PostAsJsonAsync(path, new CompleteWork(480), ContractJson.Options);
        await fixture.SignContractAsync(applicationId, employer, UserRole.Employer);
        using var signed = await client.PostAsJsonAsync(path, new CompleteWork(480), ContractJson.Options);

        Assert.Equal(HttpStatusCode.Conflict, unsigned.StatusCode);
        var problem = await unsigned.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Equal(ApplicationLifecycle.ContractUnsignedRefusal, problem!.Detail);
        Assert.Equal(HttpStatusCode.Conflict, halfSigned.StatusCode);
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        Assert.Equal(ApplicationStatus.Completed, (await fixture.ApplicationAsync(applicationId)).Status);
    }

    [Fact]
    public async Task Changing_the_jobs_terms_after_signing_supersedes_the_contract_with_a_new_version_to_sign()
    {
        var terms = Terms.Job(matchingMode: MatchingMode.Instant);
        var (job, applicationId, employer, worker) = await MatchedAsync(terms);
        await fixture.SignContractByBothAsync(applicationId);
        var (_, signed) = await fixture.ContractAsync(applicationId, worker, UserRole.Worker);
        using var client = fixture.Client(employer, UserRole.Employer);

        using var sameTerms = await client.PutAsJsonAsync($"/jobs/{job.Id}", terms, ContractJson.Options);
        var (_, afterSameTerms) = await fixture.ContractAsync(applicationId, worker, UserRole.Worker);
        using var raised = await client.PutAsJsonAsync($"/jobs/{job.Id}", terms with { WageKrw = 15_000 }, ContractJson.Options);
        var (_, current) = await fixture.ContractAsync(applicationId, worker, UserRole.Worker);
        var versions = await fixture.QueryAsync(db => db.LabourContracts.AsNoTracking().Include(c => c.Signatures)
            .Where(c => c.ApplicationId == applicationId).OrderBy(c => c.Version).ToListAsync());

        Assert.Equal(HttpStatusCode.OK, sameTerms.StatusCode);
        Assert.Equal(signed!.Id, afterSameTerms!.Id);
        Assert.Equal(HttpStatusCode.OK, raised.StatusCode);
        Assert.Equal(2, current!.Version);
        Assert.False(current.SignedByBoth);
        Assert.Empty(current.Signatures);
        Assert.Contains("시간급 15,000원", current.Text);
        Assert.Equal(2, versions.Count);
        Assert.NotNull(versions[0].SupersededAt);
        Assert.Equal(signed.Text, versions[0].Text);
        Assert.Equal(2, versions[0].Signatures.Count);
        Assert.Null(versions[1].SupersededAt);
        Assert.Equal(HttpStatusCode.Conflict, await SignWithAsync(applicationId, worker, signed.DocumentSha256));
    }

    /// <summary>A job of <paramref name="terms"/> by an employer named 박사장 and a worker named 김일용 matched to it (users' events told jobs their names).</summary>
    private async Task<(JobView Job, Guid ApplicationId, Guid Employer, Guid Worker)> MatchedAsync(JobTerms terms)
    {
        var employer = Guid.NewGuid();
        var worker = Guid.NewGuid();
        await fixture.DeliverAsync(new UserCreated(employer, $"{employer:N}@example.com", "박사장", UserRole.Employer) { EventId = Guid.NewGuid(), OccurredAt = DateTimeOffset.UtcNow });
        await fixture.DeliverAsync(new UserCreated(worker, $"{worker:N}@example.com", "김일용", UserRole.Worker) { EventId = Guid.NewGuid(), OccurredAt = DateTimeOffset.UtcNow });
        var job = await fixture.PostJobAsync(employer, terms);
        var (_, application) = await fixture.ApplyAsync(job.Id, worker);
        await fixture.WaitForStatusAsync(application!.Id, ApplicationStatus.Accepted);
        return (job, application.Id, employer, worker);
    }

    private async Task<HttpStatusCode> SignWithAsync(Guid applicationId, Guid userId, string documentSha256)
    {
        using var client = fixture.Client(userId, UserRole.Worker);
        using var response = await client.PostAsJsonAsync($"/jobs/applications/{applicationId}/contract/sign", new SignLabourContract(documentSha256, Consent: true), ContractJson.Options);
        return response.StatusCode;
    }
}
