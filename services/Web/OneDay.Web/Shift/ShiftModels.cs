namespace OneDay.Web.Shift;

// The attendance API's shapes as this client reads them (enums arrive as their names).

/// <summary>The code the workplace shows: its text, the same as an SVG QR code, and until when it is taken.</summary>
public sealed record CheckInCode(string Payload, string Svg, DateTimeOffset ExpiresAt);

/// <summary>A matched worker's arrival and departure, as both sides see it.</summary>
public sealed record Attendance(
    Guid ApplicationId, DateTimeOffset? CheckedInAt, string? CheckInSource, int LateMinutes,
    DateTimeOffset? CheckedOutAt, string? CheckOutSource, int? MinutesWorked, string? DisputeReason)
{
    public bool Complete => CheckedInAt is not null && CheckedOutAt is not null;
}

/// <summary>One side's rating of the other after the work: 1–5 stars and an optional comment.</summary>
public sealed record Rating(Guid ApplicationId, Guid RaterId, Guid RateeId, int Stars, string? Comment, DateTimeOffset GivenAt, DateTimeOffset UpdatedAt, DateTimeOffset EditableUntil);

/// <summary>A worker's own standing: points for late cancellations and no-shows, and until when applying is paused.</summary>
public sealed record Reliability(int Points, int SuspendAtPoints, DateTimeOffset? SuspendedUntil);
