using Microsoft.Extensions.Options;
using OneDay.Jobs.JobPostings;

namespace OneDay.Jobs.Attendance;

/// <summary>Whether a scan was made at the workplace, and when arriving and leaving are allowed.</summary>
public sealed class Workplace(IOptions<AttendanceOptions> options)
{
    private const double EarthRadiusMeters = 6_371_000;

    private AttendanceOptions Rules => options.Value;

    /// <summary>Null when the position is inside the fence (widened by the fix's accuracy, up to the cap), else why not.</summary>
    public string? OutsideFence(Job job, AttendanceScan scan)
    {
        var distance = Distance(job.Latitude, job.Longitude, scan.Latitude, scan.Longitude);
        var allowed = Rules.GeofenceMeters + Math.Min(scan.AccuracyMeters, Rules.MaxCountedAccuracyMeters);
        return distance <= allowed ? null : $"작업장에서 {distance:N0}m 떨어져 있습니다. {Rules.GeofenceMeters:N0}m 안에서 찍어 주세요.";
    }

    /// <summary>The first moment a worker may check in.</summary>
    public DateTimeOffset CheckInOpens(Job job) => job.StartsAt - Rules.OpensBeforeStart;

    /// <summary>The last moment a worker may check out.</summary>
    public DateTimeOffset CheckOutCloses(Job job) => job.EndsAt + Rules.ClosesAfterEnd;

    /// <summary>Great-circle distance in metres (haversine): a few metres off at most over a workplace's fence.</summary>
    public static double Distance(double lat1, double lng1, double lat2, double lng2)
    {
        static double Radians(double degrees) => degrees * Math.PI / 180;
        var dLat = Radians(lat2 - lat1);
        var dLng = Radians(lng2 - lng1);
        var a = Math.Pow(Math.Sin(dLat / 2), 2) + Math.Cos(Radians(lat1)) * Math.Cos(Radians(lat2)) * Math.Pow(Math.Sin(dLng / 2), 2);
        return 2 * EarthRadiusMeters * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }
}
