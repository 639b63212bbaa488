namespace OneDay.Contracts.Jobs;

/// <summary>Jobs' answer to <c>GET /internal/jobs?after=&amp;limit=</c> (search's reindex): a page of job snapshots in id order; <see cref="Next"/> is the <c>after</c> of the next page.</summary>
public sealed record JobSnapshotPage(IReadOnlyList<JobSnapshot> Items, Guid? Next);
