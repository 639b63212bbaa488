using OneDay.ServiceDefaults.Errors;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OneDay.Contracts;
using OneDay.Contracts.Users;
using OneDay.Payments.Clients;
using OneDay.Payments.Data;
using OneDay.Payments.Idempotency;
using OneDay.Payments.Ledger;
using OneDay.ServiceDefaults.Security;

namespace OneDay.Payments.Wallet;

/// <summary>The worker's own wallet: always the caller's, so there is no id another user could try.</summary>
public static class WalletApi
{
    private const int RecentPostings = 20;

    public static void MapWallet(this WebApplication app)
    {
        var wallet = app.MapGroup("/payments").WithTags("Wallet").RequireAuthorization(nameof(UserRole.Worker));
        wallet.MapGet("/wallet", GetAsync).WithName("GetWallet");
        wallet.MapPost("/withdraw", WithdrawAsync).WithIdempotencyKey("withdraw").WithName("Withdraw");
    }

    private static async Task<Ok<WalletView>> GetAsync(ClaimsPrincipal user, PaymentsDbContext db, CancellationToken cancellationToken)
    {
        var workerId = user.UserId();
        var account = await db.LedgerAccounts.AsNoTracking().SingleOrDefaultAsync(a => a.Kind == AccountKind.WorkerWallet && a.OwnerId == workerId, cancellationToken);
        var pending = await db.Withdrawals.Where(w => w.WorkerId == workerId && w.Status == WithdrawalStatus.Requested).SumAsync(w => w.AmountKrw, cancellationToken);
        if (account is null) return TypedResults.Ok(new WalletView(0, pending, []));
        var available = await db.Postings.Where(p => p.AccountId == account.Id).SumAsync(p => p.AmountKrw, cancellationToken);
        var recent = await db.Postings.AsNoTracking()
            .Where(p => p.AccountId == account.Id)
            .OrderByDescending(p => p.Id)
            .Take(RecentPostings)
            .Join(db.Journals, p => p.JournalId, j => j.Id, (p, j) => new WalletPosting(p.AmountKrw, j.Description, p.CreatedAt))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new WalletView(available, pending, recent));
    }

    private static async Task<Results<Created<WithdrawalView>, ProblemHttpResult>> WithdrawAsync(
        Withdraw request, ClaimsPrincipal user, Payouts payouts, IPayoutAccounts accounts, ILogger<Withdrawal> logger, CancellationToken cancellationToken)
    {
        if (user.UserId() is not { } workerId) return ApiProblems.NotFound("사용자를 알 수 없습니다.");
        PayoutAccount? destination;
        try
        {
            destination = await accounts.FindAsync(workerId, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            logger.LogWarning("withdrawal for {WorkerId}: users did not answer ({Error})", workerId, ex.Message);
            return TypedResults.Problem(title: "출금 계좌를 확인하지 못했습니다. 잠시 후 다시 시도해 주세요.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        if (destination is null) return ApiProblems.Conflict("출금 계좌를 먼저 등록해 주세요 (PUT /users/profile의 payoutAccount).");
        Withdrawal held;
        try
        {
            held = await payouts.HoldAsync(workerId, request.AmountKrw, destination, cancellationToken);
        }
        catch (InsufficientFundsException)
        {
            return ApiProblems.Conflict("출금 가능 금액이 부족합니다.");
        }
        try
        {
            held = await payouts.PayOutAsync(held.Id, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The money is held and the withdrawal recorded: the recovery sweep pays it out later.
            logger.LogWarning("withdrawal {WithdrawalId}: payout deferred ({Error})", held.Id, ex.Message);
        }
        return TypedResults.Created($"/payments/withdrawals/{held.Id}", WithdrawalView.Of(held));
    }
}
