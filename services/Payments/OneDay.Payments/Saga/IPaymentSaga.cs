using Dapr.Actors;

namespace OneDay.Payments.Saga;

/// <summary>The payment saga actor (id = payment id).</summary>
public interface IPaymentSaga : IActor
{
    /// <summary>Starts the saga; calling it again for a started saga does nothing.</summary>
    Task StartAsync();

    /// <summary>Runs the refund path of a completed payment whose ledger the caller has already reversed; again does nothing.</summary>
    Task RefundAsync(string reason);

    Task<PaymentSagaState?> GetStateAsync();
}
