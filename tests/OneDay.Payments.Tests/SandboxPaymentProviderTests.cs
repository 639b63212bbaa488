using OneDay.Payments.Providers;

namespace OneDay.Payments.Tests;

/// <summary>The sandbox PG behaves like a Korean card PG: amount checked at confirm, cancels whole or in part.</summary>
public sealed class SandboxPaymentProviderTests
{
    private readonly SandboxPaymentProvider _pg = new();

    private async Task<(string OrderId, string PaymentKey)> PaidOrderAsync(long amountKrw)
    {
        var orderId = await _pg.CreateOrderAsync(Guid.NewGuid(), amountKrw, default);
        return (orderId, _pg.PayAsClient(orderId));
    }

    [Fact]
    public async Task A_confirm_with_another_amount_or_key_is_declined_and_captures_nothing()
    {
        var (orderId, paymentKey) = await PaidOrderAsync(100_000);

        var wrongAmount = await _pg.ConfirmAsync(orderId, paymentKey, 99_000, default);
        var wrongKey = await _pg.ConfirmAsync(orderId, "sandbox_forged", 100_000, default);

        Assert.False(wrongAmount.Captured);
        Assert.False(wrongKey.Captured);
        Assert.Equal(0, _pg.NetCapturedKrw(orderId));
    }

    [Fact]
    public async Task A_partial_cancel_leaves_the_rest_captured_and_a_whole_one_leaves_nothing()
    {
        var (partly, partlyKey) = await PaidOrderAsync(100_000);
        var (wholly, whollyKey) = await PaidOrderAsync(100_000);
        Assert.True((await _pg.ConfirmAsync(partly, partlyKey, 100_000, default)).Captured);
        Assert.True((await _pg.ConfirmAsync(wholly, whollyKey, 100_000, default)).Captured);

        await _pg.CancelAsync(partly, 30_000, "부분 환불", default);
        await _pg.CancelAsync(wholly, 100_000, "전액 환불", default);
        await _pg.CancelAsync(wholly, 100_000, "전액 환불 (재시도)", default);

        Assert.Equal(70_000, _pg.NetCapturedKrw(partly));
        Assert.Equal(0, _pg.NetCapturedKrw(wholly));
    }
}
