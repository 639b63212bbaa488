using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OneDay.Contracts;
using OneDay.Payments.Data;
using OneDay.Payments.WagePayments;
using OneDay.ServiceDefaults.Errors;
using OneDay.ServiceDefaults.Security;

namespace OneDay.Payments.Providers;

/// <summary>
/// What the client does on the sandbox PG's checkout page. <see cref="Failure"/> plays the part of a PG's
/// test card numbers: the next server confirm of this order fails that way.
/// </summary>
public sealed record SandboxCheckout(SandboxFailure? Failure = null);

/// <summary>What a PG hands the client after checkout, for it to pass to POST /payments/confirm.</summary>
public sealed record SandboxCheckoutResult(Guid PaymentId, string OrderId, string PaymentKey, long AmountKrw);

/// <summary>
/// The sandbox PG's checkout, reachable the way a client reaches a real PG's payment page, so a client
/// (and the end-to-end journey) can pay over HTTP. A real PG adapter replaces it together with
/// <see cref="SandboxPaymentProvider"/>.
/// </summary>
public static class SandboxCheckoutApi
{
    public static void MapSandboxCheckout(this WebApplication app) =>
        app.MapPost("/payments/sandbox/checkout/{paymentId:guid}", CheckoutAsync)
            .RequireAuthorization(nameof(UserRole.Employer))
            .WithTags("Sandbox PG")
            .WithName("SandboxCheckout")
            .WithSummary("Pays a payment's order on the sandbox PG; returns the payment key for /payments/confirm");

    private static async Task<Results<Ok<SandboxCheckoutResult>, ProblemHttpResult>> CheckoutAsync(
        Guid paymentId, SandboxCheckout? checkout, ClaimsPrincipal user, PaymentsDbContext db, SandboxPaymentProvider sandbox, CancellationToken cancellationToken)
    {
        var payment = await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == paymentId, cancellationToken);
        if (payment is null || payment.EmployerId != user.UserId()) return ApiProblems.NotFound("결제를 찾을 수 없습니다.");
        if (payment.Status != PaymentStatus.AwaitingPayment) return ApiProblems.Conflict($"결제할 수 없는 상태입니다 ({payment.Status}).");
        if (!sandbox.HasOrder(payment.ProviderOrderId)) return ApiProblems.Conflict("샌드박스 PG에 이 주문이 없습니다 (서비스가 다시 시작되었습니다). 결제를 취소하고 다시 생성해 주세요.");
        if (checkout?.Failure is { } failure) sandbox.Script(payment.ProviderOrderId, failure);
        var paymentKey = sandbox.PayAsClient(payment.ProviderOrderId);
        return TypedResults.Ok(new SandboxCheckoutResult(payment.Id, payment.ProviderOrderId, paymentKey, payment.AmountKrw));
    }
}
