using OneDay.ServiceDefaults.Background;

namespace OneDay.BuildingBlocks.Tests;

/// <summary>The one backoff the outbox, the users' notification worker, channel deliveries and the workflows' activities retry with.</summary>
public sealed class RetryBackoffTests
{
    [Fact]
    public void Each_failure_doubles_the_wait_up_to_the_maximum()
    {
        var backoff = new RetryBackoff(TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(5));

        Assert.Equal(
            [2, 4, 8, 16, 32, 64, 128, 256, 300, 300],
            Enumerable.Range(1, 10).Select(failures => backoff.After(failures).TotalSeconds));
    }

    [Theory]
    [InlineData(200, 30_000)] // the outbox's reconnects
    [InlineData(1_000, 60_000)] // outbox defaults
    [InlineData(2_000, 300_000)] // users' notification defaults
    [InlineData(5_000, 1_800_000)] // channel delivery defaults
    [InlineData(10, 3_600_000)] // the smallest first wait the options allow, with a long maximum
    public void The_schedule_is_the_one_the_workers_had_before_it_was_shared(int initialMs, int maxMs)
    {
        var (initial, max) = (TimeSpan.FromMilliseconds(initialMs), TimeSpan.FromMilliseconds(maxMs));
        var backoff = new RetryBackoff(initial, max);

        for (var failures = 1; failures <= 50; failures++)
        {
            var before = TimeSpan.FromTicks(Math.Min(initial.Ticks * (1L << Math.Min(failures - 1, 20)), max.Ticks));
            Assert.Equal(before, backoff.After(failures));
        }
    }

    [Fact]
    public void The_longest_settings_and_most_attempts_the_options_allow_wait_the_maximum_rather_than_overflow()
    {
        var backoff = new RetryBackoff(TimeSpan.FromHours(1), TimeSpan.FromDays(1));

        Assert.All(Enumerable.Range(6, 45), failures => Assert.Equal(TimeSpan.FromDays(1), backoff.After(failures)));
    }

    [Fact]
    public void A_workflow_activity_retries_on_the_same_schedule()
    {
        var policy = new RetryBackoff(TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(5)).ForWorkflow(attempts: 4);

        Assert.Equal((4, TimeSpan.FromSeconds(2), 2d, TimeSpan.FromMinutes(5)),
            (policy.MaxNumberOfAttempts, policy.FirstRetryInterval, policy.BackoffCoefficient, policy.MaxRetryInterval));
    }
}
