using System.Net.Http.Json;
using OneDay.Contracts;
using OneDay.Contracts.Jobs;

namespace OneDay.Search.Clients;

/// <summary>The jobs service's snapshot paging (`GET /internal/jobs?after=&amp;limit=`), through Dapr invocation.</summary>
public sealed class JobsSnapshots(HttpClient jobs)
{
    public const int PageSize = 500;

    public async Task<JobSnapshotPage> PageAsync(Guid? after, CancellationToken cancellationToken) =>
        await jobs.GetFromJsonAsync<JobSnapshotPage>($"/internal/jobs?limit={PageSize}{(after is { } a ? $"&after={a}" : "")}", ContractJson.Options, cancellationToken).ConfigureAwait(false)
        ?? throw new InvalidOperationException("the jobs service answered an empty page");
}
