namespace OneDay.Jobs.Ratings;

/// <summary>
/// One side's rating of the other after the work (1–5 stars, an optional comment): one per application and
/// rater, which the rater may change for <see cref="EditableFor"/> after giving it.
/// </summary>
public sealed class Rating
{
    public static readonly TimeSpan EditableFor = TimeSpan.FromHours(24);

    public Guid ApplicationId { get; init; }
    public Guid RaterId { get; init; }
    public Guid RateeId { get; init; }
    public int Stars { get; private set; }
    public string? Comment { get; private set; }
    public DateTimeOffset GivenAt { get; init; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public static Rating Give(Guid applicationId, Guid raterId, Guid rateeId, int stars, string? comment, DateTimeOffset now) => new()
    {
        ApplicationId = applicationId,
        RaterId = raterId,
        RateeId = rateeId,
        Stars = stars,
        Comment = comment,
        GivenAt = now,
        UpdatedAt = now,
    };

    public void Change(int stars, string? comment, DateTimeOffset now)
    {
        Stars = stars;
        Comment = comment;
        UpdatedAt = now;
    }
}
