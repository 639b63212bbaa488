using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OneDay.Payments.Saga;

namespace OneDay.Payments.Tests;

/// <summary>The queue of saga starts is bounded: a burst of confirms cannot grow the process without end.</summary>
public sealed class PaymentSagaStarterTests
{
    [Fact]
    public void Beyond_its_capacity_a_start_is_refused_and_left_to_the_recovery_sweep()
    {
        // Not started, so nothing drains the queue and no actor is called.
        var starter = new PaymentSagaStarter(null!, Options.Create(new PaymentSagaOptions { StartQueueCapacity = 2 }), NullLogger<PaymentSagaStarter>.Instance);

        Assert.True(starter.Enqueue(Guid.NewGuid()));
        Assert.True(starter.Enqueue(Guid.NewGuid()));
        Assert.False(starter.Enqueue(Guid.NewGuid()));
    }
}
