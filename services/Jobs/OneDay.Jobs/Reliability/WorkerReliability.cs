using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneDay.Jobs.Applications;
using OneDay.Jobs.Data;

namespace OneDay.Jobs.Reliability;

/// <summary>A worker's standing: points within the window, and until when applying is suspended (null: it is not).</summary>
public sealed record ReliabilityView(int Points, int SuspendAtPoints, DateTimeOffset? SuspendedUntil, IReadOnlyList<ReliabilityPointView> History);

public sealed record ReliabilityPointView(Guid ApplicationId, ReliabilityReason Reason, int Points, DateTimeOffset At);

/// <summary>
/// Points for late cancellations and no-shows, and the suspension they lead to: applying pauses for
/// <see cref="ReliabilityOptions.Suspension"/> from the point that brought the points within
/// <see cref="ReliabilityOptions.PointsWindow"/> to <see cref="ReliabilityOptions.SuspendAtPoints"/>.
/// </summary>
public sealed class WorkerReliability(JobsDbContext db, IOptions<ReliabilityOptions> options)
{
    private ReliabilityOptions Rules => options.Value;

    /// <summary>Adds the points a late cancellation of a matched application earns, in the caller's unit of work.</summary>
    public void NoteCancellation(Application application, DateTimeOffset startsAt, DateTimeOffset now)
    {
        if (now >= startsAt - Rules.LateCancelWindow) Add(application, ReliabilityReason.LateCancel, Rules.LateCancelPoints, now);
    }

    /// <summary>Adds a no-show's points, in the caller's unit of work.</summary>
    public void NoteNoShow(Application application, DateTimeOffset now) => Add(application, ReliabilityReason.NoShow, Rules.NoShowPoints, now);

    public async Task<ReliabilityView> OfAsync(Guid workerId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Only points that can still matter: those inside the window of a point that may still suspend.
        var since = now - Rules.Suspension - Rules.PointsWindow;
        var points = await db.ReliabilityPoints.AsNoTracking()
            .Where(p => p.WorkerId == workerId && p.At >= since)
            .OrderBy(p => p.At)
            .ToListAsync(cancellationToken);
        var current = points.Where(p => p.At > now - Rules.PointsWindow).Sum(p => p.Points);
        return new ReliabilityView(current, Rules.SuspendAtPoints, SuspendedUntil(points, now),
            points.Select(p => new ReliabilityPointView(p.ApplicationId, p.Reason, p.Points, p.At)).Reverse().ToList());
    }

    /// <summary>Whether <paramref name="employerId"/> has blocked <paramref name="workerId"/> from their jobs.</summary>
    public Task<bool> IsBlockedAsync(Guid employerId, Guid workerId, CancellationToken cancellationToken) =>
        db.WorkerMarks.AnyAsync(m => m.EmployerId == employerId && m.WorkerId == workerId && m.Kind == WorkerMarkKind.Blocked, cancellationToken);

    /// <summary>What <paramref name="employerId"/> sees of each applicant: a few counts over all their applications, and the employer's own mark.</summary>
    public async Task<IReadOnlyDictionary<Guid, WorkerSummary>> SummariesAsync(Guid employerId, IReadOnlyCollection<Guid> workerIds, CancellationToken cancellationToken)
    {
        var done = await db.Applications.AsNoTracking()
            .Where(a => workerIds.Contains(a.WorkerId) && (a.Status == ApplicationStatus.Completed || a.Status == ApplicationStatus.Paid))
            .GroupBy(a => a.WorkerId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
        var broken = await db.ReliabilityPoints.AsNoTracking()
            .Where(p => workerIds.Contains(p.WorkerId))
            .GroupBy(p => new { p.WorkerId, p.Reason }).Select(g => new { g.Key.WorkerId, g.Key.Reason, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var stars = await db.Ratings.AsNoTracking()
            .Where(r => workerIds.Contains(r.RateeId))
            .GroupBy(r => r.RateeId).Select(g => new { g.Key, Average = g.Average(r => (double)r.Stars), Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, cancellationToken);
        var marks = await db.WorkerMarks.AsNoTracking()
            .Where(m => m.EmployerId == employerId && workerIds.Contains(m.WorkerId))
            .ToDictionaryAsync(m => m.WorkerId, m => m.Kind, cancellationToken);
        return workerIds.Distinct().ToDictionary(worker => worker, worker => new WorkerSummary(
            done.GetValueOrDefault(worker),
            broken.Where(b => b.WorkerId == worker && b.Reason == ReliabilityReason.NoShow).Sum(b => b.Count),
            broken.Where(b => b.WorkerId == worker && b.Reason == ReliabilityReason.LateCancel).Sum(b => b.Count),
            stars.TryGetValue(worker, out var rated) ? Math.Round(rated.Average, 1) : null,
            stars.TryGetValue(worker, out var counted) ? counted.Count : 0,
            marks.TryGetValue(worker, out var mark) ? mark : null));
    }

    /// <summary>The end of the latest suspension still running: from each point that brought its window to the threshold.</summary>
    private DateTimeOffset? SuspendedUntil(IReadOnlyList<ReliabilityPoint> ordered, DateTimeOffset now)
    {
        DateTimeOffset? until = null;
        foreach (var point in ordered)
        {
            var inWindow = ordered.Where(p => p.At <= point.At && p.At > point.At - Rules.PointsWindow).Sum(p => p.Points);
            if (inWindow >= Rules.SuspendAtPoints && point.At + Rules.Suspension > now) until = point.At + Rules.Suspension;
        }
        return until;
    }

    private void Add(Application application, ReliabilityReason reason, int points, DateTimeOffset now)
    {
        if (points == 0) return;
        db.ReliabilityPoints.Add(new ReliabilityPoint
        {
            Id = Guid.CreateVersion7(now),
            WorkerId = application.WorkerId,
            ApplicationId = application.Id,
            Reason = reason,
            Points = points,
            At = DatabaseTime.Of(now),
        });
    }
}
