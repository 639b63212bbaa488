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
