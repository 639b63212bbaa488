using Microsoft.AspNetCore.Http.HttpResults;
using OneDay.Contracts;

namespace OneDay.Payments.Ledger;

/// <summary>What operators ask of the money: does the ledger balance to the won (Admin only).</summary>
public static class LedgerApi
{
    public static void MapLedger(this WebApplication app) =>
        app.MapGet("/payments/ledger/check", async (MoneyLedger ledger, CancellationToken cancellationToken) =>
                TypedResults.Ok(await ledger.CheckAsync(cancellationToken)))
            .RequireAuthorization(nameof(UserRole.Admin))
            .WithTags("Ledger")
            .WithName("CheckLedger")
            .WithSummary("The ledger's invariants now: postings sum to zero, journals balance, no wallet below zero");
}
