using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace OneDay.Realtime;

/// <summary>
/// Every hub method call spends from its connection's budget before it runs, so a client that sends 200
/// JoinRoom in one frame runs the first <see cref="HubCallLimitOptions.Burst"/> and gets a HubException for
/// the rest without a query; the connection stays open, since closing it would only bring a reconnect storm.
/// </summary>
public sealed class HubCallThrottle(IOptions<HubCallLimitOptions> options, TimeProvider time) : IHubFilter
{
    public const string TooOften = "요청이 너무 잦습니다. 잠시 후 다시 시도해 주세요.";

    private static readonly object BudgetKey = new();

    public Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        context.Context.Items[BudgetKey] = new CallBudget(options.Value.Burst, options.Value.PerSecond, time);
        return next(context);
    }

    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        if (!invocationContext.HubMethod.IsDefined(typeof(OwnRateLimitAttribute), inherit: true)
            && invocationContext.Context.Items[BudgetKey] is CallBudget budget
            && !budget.TryTake())
        {
            throw new HubException(TooOften);
        }
        return next(invocationContext);
    }

    /// <summary>A token bucket: full at <c>burst</c>, refilled continuously at <c>perSecond</c>.</summary>
    private sealed class CallBudget(int burst, double perSecond, TimeProvider time)
    {
        private readonly Lock _gate = new();
        private double _tokens = burst;
        private long _refilledAt = time.GetTimestamp();

        public bool TryTake()
        {
            lock (_gate)
            {
                var now = time.GetTimestamp();
                _tokens = Math.Min(burst, _tokens + (time.GetElapsedTime(_refilledAt, now).TotalSeconds * perSecond));
                _refilledAt = now;
                if (_tokens < 1) return false;
                _tokens--;
                return true;
            }
        }
    }
}
