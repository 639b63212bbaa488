using Dapr.Actors.Runtime;
using Microsoft.Extensions.Options;
using OneDay.ServiceDefaults.Sagas;

namespace OneDay.Payments.Saga;

/// <summary>Hosts one <see cref="PaymentProcess"/> per payment (actor id = payment id).</summary>
public sealed class PaymentSaga(
    ActorHost host,
    IServiceScopeFactory scopes,
    IOptions<PaymentSagaOptions> options,
    TimeProvider time) : ReminderDrivenSaga<PaymentSagaState>(host, time), IPaymentSaga
{
    protected override TimeSpan Heartbeat => options.Value.Heartbeat;

    public Task StartAsync() => BeginAsync(traceParent => PaymentSagaState.Begin(Guid.Parse(Id.GetId()), Time.GetUtcNow(), traceParent));

    public async Task RefundAsync(string reason)
    {
        if (await LoadAsync() is not { IsFinished: true, RefundReason: null } completed) return;
        await ContinueWithAsync(completed.BeginRefund(reason, Time.GetUtcNow()));
    }

    public Task<PaymentSagaState?> GetStateAsync() => LoadAsync();

    protected override async Task<PaymentSagaState> AdvanceAsync(PaymentSagaState state)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PaymentProcess>().AdvanceAsync(state, CancellationToken.None);
    }
}
