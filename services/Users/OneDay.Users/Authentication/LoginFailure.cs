namespace OneDay.Users.Authentication;

/// <summary>One failed login, counted against a throttle key ("account:&lt;email&gt;" or "address:&lt;ip&gt;").</summary>
public sealed class LoginFailure
{
    public long Id { get; private set; }
    public required string ThrottleKey { get; init; }
    public DateTimeOffset FailedAt { get; init; }
}
