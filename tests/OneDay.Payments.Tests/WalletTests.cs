using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using OneDay.Contracts;
using OneDay.Payments.Ledger;
using OneDay.Payments.Tests.Infrastructure;
using OneDay.Payments.Wallet;

namespace OneDay.Payments.Tests;

[Collection(PaymentsCollection.Name)]
public sealed class WalletTests(PaymentsFixture fixture) : LedgerCheckedTest(fixture)
{
    [Fact]
    public async Task Fifty_concurrent_withdrawals_never_spend_more_than_the_wallet_holds()
    {
        var workerId = Guid.CreateVersion7();
        await Fixture.PaidWorkerAsync(workerId, 200_000); // 198,515 net
        using var client = Fixture.Client(workerId, UserRole.Worker);

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ =>
        {
            using var response = await PaymentsFixture.PostAsync(client, "/payments/withdraw", new Withdraw(10_000), Guid.NewGuid().ToString());
            return response.StatusCode;
        }));

        // Every answer is a creation or a conflict (the wallet ran dry); anything else names itself here.
        Assert.Equal(["Created × 19", "Conflict × 31"], answers.GroupBy(a => a).OrderBy(g => g.Key).Select(g => $"{g.Key} × {g.Count()}"));
        Assert.Equal(8_515, await Fixture.BalanceAsync(AccountKind.WorkerWallet, workerId));
        Assert.Equal(190_000, Fixture.PayoutProvider.PaidTo(workerId));
        Assert.Equal(19, await Fixture.QueryAsync(db => db.Withdrawals.CountAsync(w => w.WorkerId == workerId && w.Status == WithdrawalStatus.Completed)));
    }

    [Fact]
    public async Task The_wallet_shows_what_is_available_and_the_latest_postings()
    {
        var workerId = Guid.CreateVersion7();
        await Fixture.PaidWorkerAsync(workerId, 200_000);
        using var client = Fixture.Client(workerId, UserRole.Worker);
        using var withdrawn = await PaymentsFixture.PostAsync(client, "/payments/withdraw", new Withdraw(50_000), Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.Created, withdrawn.StatusCode);

        var wallet = await client.GetFromJsonAsync<WalletView>("/payments/wallet", ContractJson.Options);

        Assert.Equal(148_515, wallet!.AvailableKrw);
        Assert.Equal(0, wallet.PendingKrw);
        Assert.Equal([-50_000, 198_515], wallet.RecentPostings.Select(p => p.AmountKrw));
        await Fixture.Events.WaitForAsync(received => received.Any(e => e.Topic == "withdrawal-completed" && e.Data.GetProperty("workerId").GetGuid() == workerId)
            && received.Any(e => e.Topic == "withdrawal-requested" && e.Data.GetProperty("workerId").GetGuid() == workerId));
    }

    [Fact]
    public async Task A_withdrawal_goes_to_the_account_registered_with_users_and_shows_it_masked()
    {
        var workerId = Guid.CreateVersion7();
        await Fixture.PaidWorkerAsync(workerId, 200_000);
        using var client = Fixture.Client(workerId, UserRole.Worker);

        using var response = await PaymentsFixture.PostAsync(client, "/payments/withdraw", new Withdraw(30_000), Guid.NewGuid().ToString());
        var view = await response.Content.ReadFromJsonAsync<WithdrawalView>(ContractJson.Options);

        var (bankName, accountNumber, _) = UsersDouble.AccountOf(workerId);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"{bankName} {new string('*', accountNumber.Length - 4)}{accountNumber[^4..]}", view!.PayoutAccount);
        var stored = await Fixture.QueryAsync(db => db.Withdrawals.SingleAsync(w => w.Id == view.Id));
        Assert.Equal(accountNumber, stored.AccountNumber);
        Assert.Equal(30_000, Fixture.PayoutProvider.PaidTo(workerId));
    }

    [Fact]
    public async Task A_worker_without_a_registered_account_is_told_to_register_one_and_nothing_is_held()
    {
        var workerId = Guid.CreateVersion7();
        await Fixture.PaidWorkerAsync(workerId, 200_000);
        Fixture.Users.HasNoAccount(workerId);
        using var client = Fixture.Client(workerId, UserRole.Worker);

        using var response = await PaymentsFixture.PostAsync(client, "/payments/withdraw", new Withdraw(30_000), Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("출금 계좌", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(198_515, (await client.GetFromJsonAsync<WalletView>("/payments/wallet", ContractJson.Options))!.AvailableKrw);
        Assert.Equal(0, await Fixture.QueryAsync(db => db.Withdrawals.CountAsync(w => w.WorkerId == workerId)));
    }

    [Fact]
    public async Task A_refused_payout_returns_the_money_to_the_wallet()
    {
        var workerId = Guid.CreateVersion7();
        await Fixture.PaidWorkerAsync(workerId, 200_000);
        Fixture.PayoutProvider.RefuseTransfersTo(workerId, "계좌 없음");
        using var client = Fixture.Client(workerId, UserRole.Worker);

        using var response = await PaymentsFixture.PostAsync(client, "/payments/withdraw", new Withdraw(100_000), Guid.NewGuid().ToString());

        var withdrawal = await response.Content.ReadFromJsonAsync<WithdrawalView>(ContractJson.Options);
        Assert.Equal(nameof(WithdrawalStatus.Failed), withdrawal!.Status);
        Assert.Equal(198_515, await Fixture.BalanceAsync(AccountKind.WorkerWallet, workerId));
        Assert.Equal(0, Fixture.PayoutProvider.PaidTo(workerId));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5_000)]
    [InlineData(100_000_001)]
    public async Task An_amount_out_of_range_is_refused_and_changes_nothing(long amount)
    {
        var workerId = Guid.CreateVersion7();
        using var client = Fixture.Client(workerId, UserRole.Worker);

        using var response = await PaymentsFixture.PostAsync(client, "/payments/withdraw", new Withdraw(amount), Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(await Fixture.QueryAsync(db => db.Withdrawals.AnyAsync(w => w.WorkerId == workerId)));
    }
}
