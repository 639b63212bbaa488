using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Time.Testing;

[assembly: HostingStartup(typeof(OneDay.Users.Tests.FakeClock))]

namespace OneDay.Users.Tests;

/// <summary>
/// Puts a <see cref="FakeTimeProvider"/> in place of the system clock in a host started with
/// <see cref="Setting"/> (the hosting-startup hook: the shared ServiceTestHost offers no other way to
/// replace a service, and the app's own TryAdd of TimeProvider.System then keeps this one).
/// </summary>
public sealed class FakeClock : IHostingStartup
{
    public static readonly KeyValuePair<string, string?> Setting = new(WebHostDefaults.HostingStartupAssembliesKey, typeof(FakeClock).Assembly.GetName().Name);

    /// <summary>One clock per test process: only hosts started with <see cref="Setting"/> use it.</summary>
    public static FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    public void Configure(IWebHostBuilder builder) => builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Time));
}

/// <summary>The users service on <see cref="FakeClock.Time"/>, with the production resend cooldown.</summary>
public sealed class FakeClockUsersFixture : UsersServiceFixture
{
    public static readonly TimeSpan ResendCooldown = TimeSpan.FromMinutes(1);

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        [FakeClock.Setting.Key] = FakeClock.Setting.Value,
        ["Tokens:ResendCooldown"] = ResendCooldown.ToString(),
    };
}
