namespace OneDay.SampleService.Accounts;

public sealed class Account
{
    public Guid Id { get; init; }
    public required string Email { get; init; }
    public required string DisplayName { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>The effect of handling UserCreated: one per event, however often it is delivered.</summary>
public sealed class Welcome
{
    public long Id { get; private set; }
    public Guid UserId { get; init; }
    public Guid EventId { get; init; }
    public DateTimeOffset WelcomedAt { get; init; }
}
