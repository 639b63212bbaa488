using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OneDay.Payments.Data;
using OneDay.Payments.Ledger;
using OneDay.Payments.Tests.Infrastructure;

namespace OneDay.Payments.Tests;

/// <summary>The ledger refuses what would break it, in code and in the database.</summary>
[Collection(PaymentsCollection.Name)]
public sealed class LedgerTests(PaymentsFixture fixture) : LedgerCheckedTest(fixture)
{
    [Fact]
    public async Task An_unbalanced_journal_is_refused_by_the_code()
    {
        await using var scope = Fixture.Service.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PaymentsDbContext>();
        var ledger = scope.ServiceProvider.GetRequiredService<MoneyLedger>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var funding = await ledger.AccountAsync(AccountKind.EmployerFunding, Guid.CreateVersion7(), default);
        var escrow = await ledger.AccountAsync(AccountKind.Escrow, null, default);
        var reference = $"test:{Guid.NewGuid()}";

        await Assert.ThrowsAsync<ArgumentException>(() => ledger.PostAsync(new JournalEntry(reference, "불균형", [(funding, -1_000), (escrow, 999)]), default));
        Assert.False(await db.Journals.AnyAsync(j => j.Reference == reference));
    }

    [Fact]
    public async Task An_account_opened_in_a_transaction_that_rolled_back_is_opened_again_when_next_needed()
    {
        var workerId = Guid.CreateVersion7();
        await using (var scope = Fixture.Service.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PaymentsDbContext>();
            var ledger = scope.ServiceProvider.GetRequiredService<MoneyLedger>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await ledger.AccountAsync(AccountKind.WorkerWallet, workerId, default);
            // Looked up again in the same transaction, as a refund looks up escrow twice: still not committed.
            await ledger.AccountAsync(AccountKind.WorkerWallet, workerId, default);
            await transaction.RollbackAsync();
        }

        await MoveFromEscrowAsync(workerId, 1_000, "재개설된 지갑");

        Assert.Equal(1_000, await Fixture.BalanceAsync(AccountKind.WorkerWallet, workerId));
        // Escrow is shared by every test in the collection: what this test moved through it goes back.
        await MoveFromEscrowAsync(workerId, -1_000, "되돌림");
    }

    [Fact]
    public async Task An_unbalanced_journal_written_around_the_code_is_refused_at_commit()
    {
        Guid escrowId;
        await using (var scope = Fixture.Service.Services.CreateAsyncScope())
            escrowId = (await scope.ServiceProvider.GetRequiredService<MoneyLedger>().AccountAsync(AccountKind.Escrow, null, default)).Id;
        await using var connection = new NpgsqlConnection(Fixture.Database.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var journalId = Guid.NewGuid();
        await using (var insert = new NpgsqlCommand(
            "INSERT INTO journals (id, reference, description, created_at) VALUES (@id, @reference, 'forged', now());" +
            "INSERT INTO postings (journal_id, account_id, amount_krw, created_at) VALUES (@id, @account, 5000, now());", connection, transaction))
        {
            insert.Parameters.AddWithValue("id", journalId);
            insert.Parameters.AddWithValue("reference", $"forged:{journalId}");
            insert.Parameters.AddWithValue("account", escrowId);
            await insert.ExecuteNonQueryAsync();
        }

        var refused = await Assert.ThrowsAsync<PostgresException>(() => transaction.CommitAsync());

        Assert.Equal(PostgresErrorCodes.CheckViolation, refused.SqlState);
        Assert.False(await Fixture.QueryAsync(db => db.Journals.AnyAsync(j => j.Id == journalId)));
    }

    [Fact]
    public async Task Postings_are_append_only()
    {
        var workerId = Guid.CreateVersion7();
        await Fixture.PaidWorkerAsync(workerId, 150_000);
        await using var connection = new NpgsqlConnection(Fixture.Database.ConnectionString);
        await connection.OpenAsync();

        await using var update = new NpgsqlCommand("UPDATE postings SET amount_krw = amount_krw * 2", connection);
        await using var delete = new NpgsqlCommand("DELETE FROM journals", connection);

        Assert.Equal(PostgresErrorCodes.RestrictViolation, (await Assert.ThrowsAsync<PostgresException>(() => update.ExecuteNonQueryAsync())).SqlState);
        Assert.Equal(PostgresErrorCodes.RestrictViolation, (await Assert.ThrowsAsync<PostgresException>(() => delete.ExecuteNonQueryAsync())).SqlState);
        Assert.Equal(150_000, await Fixture.BalanceAsync(AccountKind.WorkerWallet, workerId));
    }

    /// <summary>Posts <paramref name="amountKrw"/> from escrow into the worker's wallet (negative: back) in a transaction of its own.</summary>
    private async Task MoveFromEscrowAsync(Guid workerId, long amountKrw, string description)
    {
        await using var scope = Fixture.Service.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PaymentsDbContext>();
        var ledger = scope.ServiceProvider.GetRequiredService<MoneyLedger>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var wallet = await ledger.AccountAsync(AccountKind.WorkerWallet, workerId, default);
        var escrow = await ledger.AccountAsync(AccountKind.Escrow, null, default);
        Assert.True(await ledger.PostAsync(new JournalEntry($"test:{Guid.NewGuid()}", description, [(escrow, -amountKrw), (wallet, amountKrw)]), default));
        await transaction.CommitAsync();
    }
}
