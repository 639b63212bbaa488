using System.Collections.Concurrent;

namespace OneDay.Payments.Providers;

/// <summary>A scripted failure the sandbox plays on an order's next confirm.</summary>
public enum SandboxFailure
{
    /// <summary>The card issuer refuses.</summary>
    Declined,

    /// <summary>The PG does not answer, and captures nothing.</summary>
    Timeout,

    /// <summary>The PG captures, but its answer never arrives.</summary>
    ResponseLost,
}

/// <summary>
/// The shipped sandbox PG: orders live in memory, <see cref="PayAsClient"/> plays the client's part (it
/// returns the payment key the PG would hand the browser), and failures are scripted per order.
/// </summary>
public sealed class SandboxPaymentProvider : IPaymentProvider
{
    private readonly ConcurrentDictionary<string, SandboxOrder> _orders = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<SandboxFailure>> _scripts = new(StringComparer.Ordinal);

    public Task<string> CreateOrderAsync(Guid paymentId, long amountKrw, CancellationToken cancellationToken)
    {
        var orderId = $"oneday-{paymentId:N}";
        _orders.TryAdd(orderId, new SandboxOrder(amountKrw));
        return Task.FromResult(orderId);
    }

    /// <summary>Whether the sandbox holds the order; its orders live in memory and go with a restart.</summary>
    public bool HasOrder(string orderId) => _orders.ContainsKey(orderId);

    /// <summary>The client pays the order on the PG's page; the answer is the payment key for the server's confirm.</summary>
    public string PayAsClient(string orderId)
    {
        var order = _orders.GetValueOrDefault(orderId) ?? throw new KeyNotFoundException($"no sandbox order {orderId}");
        lock (order) return order.PaymentKey ??= $"sandbox_{Guid.NewGuid():N}";
    }

    /// <summary>Plays <paramref name="failures"/> on the order's next confirms, one per call.</summary>
    public void Script(string orderId, params SandboxFailure[] failures)
    {
        var queue = _scripts.GetOrAdd(orderId, _ => new ConcurrentQueue<SandboxFailure>());
        foreach (var failure in failures) queue.Enqueue(failure);
    }

    public Task<CaptureResult> ConfirmAsync(string orderId, string paymentKey, long amountKrw, CancellationToken cancellationToken)
    {
        if (!_orders.TryGetValue(orderId, out var order)) return Task.FromResult(CaptureResult.Declined("존재하지 않는 주문입니다."));
        lock (order)
        {
            if (order.PaymentKey != paymentKey) return Task.FromResult(CaptureResult.Declined("결제 키가 주문과 일치하지 않습니다."));
            if (order.AmountKrw != amountKrw) return Task.FromResult(CaptureResult.Declined("결제 금액이 주문 금액과 다릅니다."));
            if (order.CancelledKrw > 0) return Task.FromResult(CaptureResult.Declined("취소된 결제입니다."));
            var failure = _scripts.TryGetValue(orderId, out var queue) && queue.TryDequeue(out var next) ? next : (SandboxFailure?)null;
            switch (failure)
            {
                case SandboxFailure.Declined:
                    return Task.FromResult(CaptureResult.Declined("카드사에서 결제를 거절했습니다."));
                case SandboxFailure.Timeout:
                    throw new PaymentProviderUnavailableException($"sandbox PG timed out confirming {orderId}");
                case SandboxFailure.ResponseLost:
                    order.Captured = true;
                    throw new PaymentProviderUnavailableException($"sandbox PG captured {orderId} but the response was lost");
                default:
                    order.Captured = true;
                    return Task.FromResult(CaptureResult.Success);
            }
        }
    }

    public Task CancelAsync(string orderId, long amountKrw, string reason, CancellationToken cancellationToken)
    {
        if (_orders.TryGetValue(orderId, out var order))
        {
            lock (order)
            {
                if (order.Captured) order.CancelledKrw = Math.Min(order.AmountKrw, amountKrw);
            }
        }
        return Task.CompletedTask;
    }

    /// <summary>What the PG holds for the order now: captured and not cancelled.</summary>
    public long NetCapturedKrw(string orderId)
    {
        var order = _orders.GetValueOrDefault(orderId);
        if (order is null) return 0;
        lock (order) return order.Captured ? order.AmountKrw - order.CancelledKrw : 0;
    }

    private sealed class SandboxOrder(long amountKrw)
    {
        public long AmountKrw { get; } = amountKrw;
        public string? PaymentKey { get; set; }
        public bool Captured { get; set; }
        public long CancelledKrw { get; set; }
    }
}
