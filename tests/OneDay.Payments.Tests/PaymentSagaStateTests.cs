using OneDay.Payments.Saga;

namespace OneDay.Payments.Tests;

/// <summary>The saga's transitions: compensation undoes exactly what was done, latest first.</summary>
public sealed class PaymentSagaStateTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    // forward steps completed before the failure → the compensations run, in order, then the failure is recorded
    [Theory]
    [InlineData("", "RecordFailure")]
    [InlineData("Capture", "CancelCapture,RecordFailure")]
    [InlineData("Capture,FundEscrow", "ReverseEscrow,CancelCapture,RecordFailure")]
    [InlineData("Capture,FundEscrow,MarkPaid", "UnmarkPaid,ReverseEscrow,CancelCapture,RecordFailure")]
    public void Compensation_runs_in_reverse_of_what_was_done(string done, string expected)
    {
        var state = PaymentSagaState.Begin(Guid.NewGuid(), Now);
        foreach (var step in done.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<PaymentSagaStep>))
            state = state.Advance(step, state.Step, Now);

        var compensating = state.Compensate("거절", Now);
        var visited = new List<PaymentSagaStep> { compensating.Step };
        while (compensating.Step != PaymentSagaStep.RecordFailure)
        {
            compensating = compensating.CompensationDone(Now);
            visited.Add(compensating.Step);
        }

        Assert.Equal(expected.Split(',').Select(Enum.Parse<PaymentSagaStep>), visited);
        Assert.True(compensating.RetriesUntilDone);
        Assert.Equal("거절", compensating.FailureReason);
    }

    [Fact]
    public void A_retry_keeps_the_step_and_counts_the_attempt()
    {
        var state = PaymentSagaState.Begin(Guid.NewGuid(), Now).RetryAt(Now.AddSeconds(2));

        Assert.Equal(PaymentSagaStep.Capture, state.Step);
        Assert.Equal(1, state.Attempts);
        Assert.Equal(Now.AddSeconds(2), state.NotBefore);
        Assert.False(state.RetriesUntilDone);
    }

    [Fact]
    public void A_refund_starts_its_own_path_and_never_gives_up()
    {
        var state = PaymentSagaState.Begin(Guid.NewGuid(), Now).MoveTo(PaymentSagaStep.Finished, Now).BeginRefund("환불", Now);

        Assert.Equal(PaymentSagaStep.RefundCapture, state.Step);
        Assert.True(state.RetriesUntilDone);
    }
}
