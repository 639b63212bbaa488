using System.Net;
using System.Net.Http.Json;
using OneDay.Contracts;
using OneDay.Payments.Ledger;
using OneDay.Payments.Tests.Infrastructure;

namespace OneDay.Payments.Tests;

/// <summary>The operator's view of the ledger through the API.</summary>
[Collection(PaymentsCollection.Name)]
public sealed class LedgerCheckTests(PaymentsFixture fixture) : LedgerCheckedTest(fixture)
{
    [Fact]
    public async Task An_admin_sees_the_ledger_balanced_after_a_payment_with_the_money_where_it_went()
    {
        var payment = await Fixture.PaidWorkerAsync(Guid.CreateVersion7(), 150_000);
        using var admin = Fixture.Client(Guid.CreateVersion7(), UserRole.Admin);
        using var worker = Fixture.Client(payment.WorkerId, UserRole.Worker);

        var check = await admin.GetFromJsonAsync<LedgerCheck>("/payments/ledger/check", Contracts.ContractJson.Options);
        using var refused = await worker.GetAsync(new Uri("/payments/ledger/check", UriKind.Relative));

        Assert.True(check!.Balanced);
        Assert.Equal(0, check.ByKind.Sum(k => k.BalanceKrw));
        Assert.Contains(check.ByKind, k => k.Kind == nameof(AccountKind.WorkerWallet) && k.BalanceKrw >= payment.Breakdown.NetToWorkerKrw);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }
}
