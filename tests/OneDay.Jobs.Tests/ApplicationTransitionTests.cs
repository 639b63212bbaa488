using OneDay.Jobs.Applications;

namespace OneDay.Jobs.Tests;

/// <summary>
/// The application state machine, every pair of statuses against the one table of allowed moves: a
/// failure path must never lead anywhere the process does not (eShopOnDapr's moved an order to Paid).
/// </summary>
public sealed class ApplicationTransitionTests
{
    private static readonly Dictionary<ApplicationStatus, ApplicationStatus[]> Expected = new()
    {
        [ApplicationStatus.Pending] = [ApplicationStatus.Submitted, ApplicationStatus.Accepted, ApplicationStatus.Rejected, ApplicationStatus.Cancelled, ApplicationStatus.Failed],
        [ApplicationStatus.Submitted] = [ApplicationStatus.Accepted, ApplicationStatus.Rejected, ApplicationStatus.Cancelled, ApplicationStatus.Expired],
        [ApplicationStatus.Accepted] = [ApplicationStatus.Completed, ApplicationStatus.Cancelled, ApplicationStatus.NoShow],
        [ApplicationStatus.Completed] = [ApplicationStatus.Paid],
        [ApplicationStatus.Paid] = [ApplicationStatus.Completed],
        [ApplicationStatus.Rejected] = [],
        [ApplicationStatus.Cancelled] = [],
        [ApplicationStatus.Expired] = [],
        [ApplicationStatus.Failed] = [],
        [ApplicationStatus.NoShow] = [],
        [ApplicationStatus.Waitlisted] = [ApplicationStatus.Submitted, ApplicationStatus.Accepted, ApplicationStatus.Rejected, ApplicationStatus.Cancelled,
            ApplicationStatus.Expired, ApplicationStatus.Failed],
    };

    public static TheoryData<ApplicationStatus, ApplicationStatus> EveryPair()
    {
        var pairs = new TheoryData<ApplicationStatus, ApplicationStatus>();
        foreach (var from in Enum.GetValues<ApplicationStatus>())
        {
            foreach (var to in Enum.GetValues<ApplicationStatus>()) pairs.Add(from, to);
        }
        return pairs;
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void A_move_is_allowed_exactly_when_the_process_leads_there(ApplicationStatus from, ApplicationStatus to)
    {
        var application = InStatus(from);

        var moved = application.TryMoveTo(to, DateTimeOffset.UtcNow);

        Assert.Equal(Expected[from].Contains(to), moved);
        Assert.Equal(moved ? to : from, application.Status);
    }

    [Theory]
    [InlineData(ApplicationStatus.Rejected)]
    [InlineData(ApplicationStatus.Cancelled)]
    [InlineData(ApplicationStatus.Expired)]
    [InlineData(ApplicationStatus.Failed)]
    [InlineData(ApplicationStatus.NoShow)]
    public void No_path_leads_from_a_side_exit_to_paid(ApplicationStatus exit)
    {
        var reachable = new HashSet<ApplicationStatus> { exit };
        var frontier = new Queue<ApplicationStatus>([exit]);
        while (frontier.TryDequeue(out var status))
        {
            foreach (var next in Enum.GetValues<ApplicationStatus>().Where(n => ApplicationTransitions.IsAllowed(status, n) && reachable.Add(n))) frontier.Enqueue(next);
        }

        Assert.Equal([exit], reachable);
    }

    [Fact]
    public void Paid_is_reached_only_through_completed_work()
    {
        var into = Enum.GetValues<ApplicationStatus>().Where(s => ApplicationTransitions.IsAllowed(s, ApplicationStatus.Paid));

        Assert.Equal([ApplicationStatus.Completed], into);
    }

    /// <summary>An application walked to <paramref name="status"/> along the allowed moves.</summary>
    private static Application InStatus(ApplicationStatus status)
    {
        if (status == ApplicationStatus.Waitlisted) return Application.Waitlist(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), DateTimeOffset.UtcNow);
        var application = Application.Record(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), holdsSlot: false, DateTimeOffset.UtcNow);
        ApplicationStatus[] path = status switch
        {
            ApplicationStatus.Pending => [],
            ApplicationStatus.Submitted or ApplicationStatus.Expired => [ApplicationStatus.Submitted, status],
            ApplicationStatus.Accepted => [ApplicationStatus.Accepted],
            ApplicationStatus.NoShow => [ApplicationStatus.Accepted, ApplicationStatus.NoShow],
            ApplicationStatus.Completed => [ApplicationStatus.Accepted, ApplicationStatus.Completed],
            ApplicationStatus.Paid => [ApplicationStatus.Accepted, ApplicationStatus.Completed, ApplicationStatus.Paid],
            _ => [status],
        };
        foreach (var step in path.Distinct()) Assert.True(application.TryMoveTo(step, DateTimeOffset.UtcNow));
        Assert.Equal(status, application.Status);
        return application;
    }
}
