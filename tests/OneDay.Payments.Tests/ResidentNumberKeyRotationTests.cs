using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneDay.Contracts;
using OneDay.Payments.Data;
using OneDay.Payments.ResidentNumbers;
using OneDay.Payments.Tests.Infrastructure;
using OneDay.Testing;

namespace OneDay.Payments.Tests;

/// <summary>
/// Rotating the key that seals resident numbers, as an operator does it (docs/resident-numbers.md §4): a deployment's
/// single key, then named keys, each change a restart with a new secret; numbers under older keys stay readable, the
/// re-sealing moves them all to the current key, and a number under a key the secret lacks is the operator's error,
/// not the user's 500. Its own sidecars and database, since the secret changes between starts.
/// </summary>
public sealed class ResidentNumberKeyRotationTests : IAsyncLifetime
{
    private readonly DaprTestEnvironment _dapr = new();
    private TestDatabase _database = null!;
    private ServiceTestHost<Program> _payments = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync("oneday_payments_keys_test");
        // An existing deployment's secret: one key, no ids.
        _dapr.WithSecret("ConnectionStrings:payments", _database.ConnectionString).WithSecret("ResidentNumbers:EncryptionKey", PaymentsFixture.ResidentNumberKey());
        _payments = await StartAsync();
    }

    [Fact]
    public async Task Numbers_under_older_keys_stay_readable_and_resealing_leaves_none_under_them()
    {
        var (firstWorker, secondWorker) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        await SaveAsync(firstWorker, ResidentNumberTests.Valid);
        await RotateToAsync("2026-11");
        await SaveAsync(secondWorker, "9506152345672");
        await RotateToAsync("2026-12");

        var readBeforeResealing = (await ShownAsync(firstWorker), await ShownAsync(secondWorker));
        var before = await KeyIdsInDatabaseAsync();
        using var admin = _payments.CreateClient(TestTokens.For(Guid.CreateVersion7(), UserRole.Admin));
        using var resealing = await admin.PostAsync(new Uri("/payments/operations/resident-numbers/reseal", UriKind.Relative), null);
        var report = (await resealing.Content.ReadFromJsonAsync<ResealedResidentNumbers>(ContractJson.Options))!;

        Assert.Equal(("900101-1******", "950615-2******"), readBeforeResealing);
        Assert.Equal(["(unnamed)", "2026-11"], before);
        Assert.Equal(HttpStatusCode.OK, resealing.StatusCode);
        Assert.Equal(2, report.Resealed);
        Assert.Equal([new SealedUnderKey("2026-12", 2, Held: true, Current: true)], report.After.SealedUnder);
        Assert.Equal(["2026-12"], await KeyIdsInDatabaseAsync());
        Assert.Equal(("900101-1******", "950615-2******"), (await ShownAsync(firstWorker), await ShownAsync(secondWorker)));
    }

    [Fact]
    public async Task A_number_under_a_key_the_secret_lacks_is_a_503_to_the_worker_and_named_to_the_operator()
    {
        await RotateToAsync("2026-12");
        var workerId = Guid.CreateVersion7();
        await SaveAsync(workerId, ResidentNumberTests.Valid);
        // As a restored backup would hold it: sealed under a key id this secret has never held.
        byte[] retired = [2, 7, .. Encoding.ASCII.GetBytes("2025-01"), .. RandomNumberGenerator.GetBytes(12 + 13 + 16)];
        await QueryAsync(db => db.Database.ExecuteSqlAsync($"UPDATE worker_tax_identities SET sealed_resident_number = {retired} WHERE worker_id = {workerId}"));
        using var worker = _payments.CreateClient(TestTokens.For(workerId, UserRole.Worker));
        using var admin = _payments.CreateClient(TestTokens.For(Guid.CreateVersion7(), UserRole.Admin));

        using var read = await worker.GetAsync(new Uri("/payments/tax-identity", UriKind.Relative));
        var problem = await read.Content.ReadFromJsonAsync<JsonElement>();
        using var resealing = await admin.PostAsync(new Uri("/payments/operations/resident-numbers/reseal", UriKind.Relative), null);
        var report = (await resealing.Content.ReadFromJsonAsync<ResealedResidentNumbers>(ContractJson.Options))!;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, read.StatusCode);
        Assert.Contains("주민등록번호를 지금은 읽을 수 없습니다", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, report.Resealed);
        Assert.Equal([new SealedUnderKey("2025-01", 1, Held: false, Current: false)], report.After.SealedUnder);
    }

    [Fact]
    public async Task A_secret_whose_current_key_id_names_no_key_stops_payments_at_start()
    {
        _dapr.WithSecret("ResidentNumbers:CurrentKeyId", "2026-12", "payments");

        var refused = await Assert.ThrowsAnyAsync<Exception>(StartAsync);

        Assert.Contains("CurrentKeyId naming one of ResidentNumbers:Keys", refused.ToString(), StringComparison.Ordinal);
    }

    /// <summary>The operator's rotation: a new key under a new id, made current, the older keys kept; then a restart.</summary>
    private async Task RotateToAsync(string keyId)
    {
        _dapr.WithSecret($"ResidentNumbers:Keys:{keyId}", PaymentsFixture.ResidentNumberKey(), "payments").WithSecret("ResidentNumbers:CurrentKeyId", keyId, "payments");
        await _payments.DisposeAsync();
        _payments = await StartAsync();
    }

    private Task<ServiceTestHost<Program>> StartAsync() => _dapr.StartServiceAsync<Program>("payments");

    private async Task SaveAsync(Guid workerId, string number)
    {
        using var worker = _payments.CreateClient(TestTokens.For(workerId, UserRole.Worker));
        using var saved = await worker.PutAsJsonAsync("/payments/tax-identity", new SaveTaxIdentity("김민수", number));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
    }

    private async Task<string> ShownAsync(Guid workerId)
    {
        using var worker = _payments.CreateClient(TestTokens.For(workerId, UserRole.Worker));
        return (await worker.GetFromJsonAsync<TaxIdentityView>("/payments/tax-identity", ContractJson.Options))!.ResidentNumber;
    }

    /// <summary>The key ids the stored numbers name, read from the bytes by PostgreSQL itself (format 1 names none).</summary>
    private Task<List<string>> KeyIdsInDatabaseAsync() => QueryAsync(db => db.Database.SqlQuery<string>($"""
        SELECT DISTINCT CASE get_byte(sealed_resident_number, 0) WHEN 1 THEN '(unnamed)'
               ELSE convert_from(substring(sealed_resident_number FROM 3 FOR get_byte(sealed_resident_number, 1)), 'UTF8') END AS "Value"
        FROM worker_tax_identities ORDER BY 1
        """).ToListAsync());

    private async Task<T> QueryAsync<T>(Func<PaymentsDbContext, Task<T>> query)
    {
        await using var scope = _payments.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<PaymentsDbContext>());
    }

    public async Task DisposeAsync()
    {
        await _dapr.DisposeAsync();
        await _database.DisposeAsync();
    }
}
