namespace OneDay.Payments.Idempotency;

/// <summary>The first request made with one caller's Idempotency-Key, and once it finished, its response.</summary>
public sealed class IdempotencyRecord
{
    public Guid CallerId { get; init; }
    public required string Key { get; init; }
    public required string Operation { get; init; }
    public required string RequestHash { get; init; }
    public int? ResponseStatus { get; set; }
    public string? ResponseContentType { get; set; }
    public byte[]? ResponseBody { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
}
