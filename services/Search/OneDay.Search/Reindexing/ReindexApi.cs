using Microsoft.AspNetCore.Http.HttpResults;
using OneDay.Contracts;

namespace OneDay.Search.Reindexing;

public static class ReindexApi
{
    /// <summary>Admin only: start a rebuild from the jobs service (202), and watch it.</summary>
    public static void MapReindex(this RouteGroupBuilder search)
    {
        search.MapPost("/reindex", (Reindexer reindexer) => TypedResults.Accepted("/search/reindex/status", reindexer.Start()))
            .RequireAuthorization(nameof(UserRole.Admin)).WithName("ReindexJobs");
        search.MapGet("/reindex/status", (Reindexer reindexer) => TypedResults.Ok(reindexer.Status))
            .RequireAuthorization(nameof(UserRole.Admin)).WithName("GetReindexStatus");
    }
}
