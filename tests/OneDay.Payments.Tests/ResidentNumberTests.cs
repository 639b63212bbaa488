using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OneDay.Contracts;
using OneDay.Contracts.Users;
using OneDay.Payments.ResidentNumbers;
using OneDay.Payments.Tests.Infrastructure;
using OneDay.Testing;

namespace OneDay.Payments.Tests;

/// <summary>
/// A worker's resident registration number for the filings: taken only when valid, kept sealed in the database,
/// shown masked, to nobody but its worker, and gone with the account.
/// </summary>
[Collection(PaymentsCollection.Name)]
public sealed class ResidentNumberTests(PaymentsFixture fixture) : LedgerCheckedTest(fixture)
{
    public const string Valid = "900101-1234568";

    [Fact]
    public async Task A_saved_number_is_ciphertext_in_the_database_and_masked_in_the_api()
    {
        var workerId = Guid.CreateVersion7();
        using var worker = Fixture.Client(workerId, UserRole.Worker);

        using var saved = await worker.PutAsJsonAsync("/payments/tax-identity", new SaveTaxIdentity("김민수", Valid));
        var shown = (await worker.GetFromJsonAsync<TaxIdentityView>("/payments/tax-identity", ContractJson.Options))!;
        var (row, sealedNumber) = await RowAsync(workerId);

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(("김민수", "900101-1******"), (shown.LegalName, shown.ResidentNumber));
        Assert.Contains("일용근로소득 지급명세서", shown.Purpose, StringComparison.Ordinal);
        Assert.DoesNotContain("1234568", await saved.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // Version, 12-byte nonce, 13 sealed digits, 16-byte tag; neither the digits nor their tail anywhere in the row.
        Assert.Equal(1 + 12 + 13 + 16, sealedNumber.Length);
        Assert.DoesNotContain("9001011234568", Encoding.Latin1.GetString(sealedNumber), StringComparison.Ordinal);
        Assert.DoesNotContain("1234568", row, StringComparison.Ordinal);
        Assert.DoesNotContain("900101", row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Saving_again_replaces_the_number_with_a_fresh_ciphertext()
    {
        var workerId = Guid.CreateVersion7();
        using var worker = Fixture.Client(workerId, UserRole.Worker);
        using (var first = await worker.PutAsJsonAsync("/payments/tax-identity", new SaveTaxIdentity("김민수", Valid))) Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var (_, before) = await RowAsync(workerId);

        using var second = await worker.PutAsJsonAsync("/payments/tax-identity", new SaveTaxIdentity("김민수", "9506152345672"));
        var (_, after) = await RowAsync(workerId);

        Assert.Equal("950615-2******", (await second.Content.ReadFromJsonAsync<TaxIdentityView>(ContractJson.Options))!.ResidentNumber);
        Assert.NotEqual(before, after);
    }

    [Fact]
    public async Task Nobody_but_the_worker_reads_it_and_it_goes_with_the_account()
    {
        var workerId = Guid.CreateVersion7();
        using var worker = Fixture.Client(workerId, UserRole.Worker);
        using (var saved = await worker.PutAsJsonAsync("/payments/tax-identity", new SaveTaxIdentity("김민수", Valid))) Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        using var otherWorker = Fixture.Client(Guid.CreateVersion7(), UserRole.Worker);
        using var employer = Fixture.Client(Guid.CreateVersion7(), UserRole.Employer);

        using var otherSees = await otherWorker.GetAsync("/payments/tax-identity");
        using var employerSees = await employer.GetAsync("/payments/tax-identity");
        var (status, _) = await Fixture.Service.DeliverAsync(new UserDeleted(workerId) { EventId = Guid.NewGuid(), OccurredAt = DateTimeOffset.UtcNow });
        using var afterDeletion = await worker.GetAsync("/payments/tax-identity");

        Assert.Equal(HttpStatusCode.NotFound, otherSees.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, employerSees.StatusCode);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(HttpStatusCode.NotFound, afterDeletion.StatusCode);
        Assert.False(await Fixture.QueryAsync(db => db.WorkerTaxIdentities.AnyAsync(i => i.WorkerId == workerId)));
    }

    [Fact]
    public async Task The_worker_deletes_it_themselves()
    {
        var workerId = Guid.CreateVersion7();
        using var worker = Fixture.Client(workerId, UserRole.Worker);
        using (var saved = await worker.PutAsJsonAsync("/payments/tax-identity", new SaveTaxIdentity("김민수", Valid))) Assert.Equal(HttpStatusCode.OK, saved.StatusCode);

        using var deleted = await worker.DeleteAsync("/payments/tax-identity");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.False(await Fixture.QueryAsync(db => db.WorkerTaxIdentities.AnyAsync(i => i.WorkerId == workerId)));
    }

    [Theory]
    [InlineData("900101-1234567", "올바르지 않습니다")] // the check digit is 8
    [InlineData("90010112345", "13자리")]
    [InlineData("900101-12345a8", "13자리")]
    [InlineData("901301-1234568", "생년월일")]
    [InlineData("990229-1234568", "생년월일")] // 1999 was no leap year
    [InlineData("300101-3234568", "생년월일")] // born in 2030
    [InlineData("900101-5234568", "첫 숫자")] // a foreigner's registration number
    [InlineData("", "13자리")]
    public async Task A_bad_number_is_refused_in_korean_and_changes_nothing(string bad, string reason)
    {
        var workerId = Guid.CreateVersion7();
        using var worker = Fixture.Client(workerId, UserRole.Worker);
        using (var saved = await worker.PutAsJsonAsync("/payments/tax-identity", new SaveTaxIdentity("김민수", Valid))) Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var (_, before) = await RowAsync(workerId);

        using var refused = await worker.PutAsJsonAsync("/payments/tax-identity", new SaveTaxIdentity("김민수", bad));
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        var (_, after) = await RowAsync(workerId);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains(reason, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(problem.GetProperty("errors").TryGetProperty("residentNumber", out _));
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task A_missing_name_is_refused_in_korean()
    {
        using var worker = Fixture.Client(Guid.CreateVersion7(), UserRole.Worker);

        using var refused = await worker.PutAsJsonAsync("/payments/tax-identity", new SaveTaxIdentity(" ", Valid));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("성명", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    /// <summary>The worker's row as PostgreSQL holds it (every column as text), and its sealed number's bytes.</summary>
    private Task<(string Row, byte[] Sealed)> RowAsync(Guid workerId) => Fixture.QueryAsync(async db =>
    {
        var row = await db.Database.SqlQuery<string>($"SELECT row_to_json(t)::text AS \"Value\" FROM worker_tax_identities t WHERE worker_id = {workerId}").SingleAsync();
        var sealedNumber = await db.Database.SqlQuery<byte[]>($"SELECT sealed_resident_number AS \"Value\" FROM worker_tax_identities WHERE worker_id = {workerId}").SingleAsync();
        return (row, sealedNumber);
    });
}
