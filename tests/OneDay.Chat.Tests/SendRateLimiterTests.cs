using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OneDay.Chat.Messages;
using OneDay.Testing;
using StackExchange.Redis;

namespace OneDay.Chat.Tests;

/// <summary>The per-user send limit on the real Redis, on a clock the test moves.</summary>
public sealed class SendRateLimiterTests : IAsyncLifetime
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(10);
    private const int Limit = 5;

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UnixEpoch.AddDays(20_000));
    private ConnectionMultiplexer _redis = null!;
    private SendRateLimiter _limiter = null!;

    public async Task InitializeAsync()
    {
        _redis = await ConnectionMultiplexer.ConnectAsync(await TestServers.RedisAsync());
        _limiter = new SendRateLimiter(_redis, Options.Create(new ChatOptions { MessagesPerWindow = Limit, SendWindow = Window }), _clock);
    }

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    [Fact]
    public async Task Sends_straddling_a_whole_window_boundary_never_exceed_the_limit_within_any_window()
    {
        var user = Guid.NewGuid();
        // Just before a multiple of the window (where a fixed window would start counting afresh).
        var now = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        _clock.Advance(TimeSpan.FromMilliseconds(Window.TotalMilliseconds - (now % (long)Window.TotalMilliseconds) - 500));

        for (var i = 0; i < Limit; i++) Assert.Null(await _limiter.TryAcquireAsync(user));
        _clock.Advance(TimeSpan.FromSeconds(1));

        var wait = await _limiter.TryAcquireAsync(user);
        Assert.Equal(Window - TimeSpan.FromSeconds(1), wait);

        // All five leave the window together, so the next five fit and a sixth does not.
        _clock.Advance(wait!.Value);
        for (var i = 0; i < Limit; i++) Assert.Null(await _limiter.TryAcquireAsync(user));
        Assert.NotNull(await _limiter.TryAcquireAsync(user));
    }

    [Fact]
    public async Task A_refused_send_does_not_count_and_each_user_has_a_limit_of_their_own()
    {
        var (user, other) = (Guid.NewGuid(), Guid.NewGuid());
        for (var i = 0; i < Limit; i++) Assert.Null(await _limiter.TryAcquireAsync(user));
        for (var i = 0; i < 3; i++) Assert.NotNull(await _limiter.TryAcquireAsync(user));

        Assert.Null(await _limiter.TryAcquireAsync(other));

        _clock.Advance(Window);
        for (var i = 0; i < Limit; i++) Assert.Null(await _limiter.TryAcquireAsync(user));
    }
}
