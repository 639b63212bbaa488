using Microsoft.AspNetCore.Http.HttpResults;
using OneDay.Search.PopularKeywords;
using OneDay.Search.Reindexing;
using OneDay.Search.Suggestions;
using OneDay.Search.Text;
using OneDay.ServiceDefaults.Security;

namespace OneDay.Search.Searching;

public sealed record PopularKeywordsResponse(string Window, IReadOnlyList<PopularKeyword> Keywords);

public static class SearchApi
{
    public const int MaxPopularKeywords = 50;

    public static void MapSearch(this WebApplication app)
    {
        var search = app.MapGroup("/search").WithTags("Search");
        search.MapGet("/jobs", SearchJobsAsync).AllowAnonymous().WithName("SearchJobs");
        search.MapGet("/popular-keywords", PopularAsync).AllowAnonymous().WithName("ListPopularKeywords");
        search.MapSuggestions();
        search.MapReindex();
    }

    private static async Task<Results<Ok<JobSearchResult>, ValidationProblem>> SearchJobsAsync(
        [AsParameters] JobSearchRequest request, HttpContext http, JobSearch search,
        PopularKeywordCounter popular, SearchedQueries searched, CancellationToken cancellationToken)
    {
        var errors = request.Validate();
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var result = await search.RunAsync(request, cancellationToken);

        // A first page of a keyword search is what people "searched for": it counts towards popular
        // keywords and, when it found jobs, becomes a suggestion for others.
        if (!string.IsNullOrWhiteSpace(request.Q) && request.Cursor is null)
        {
            var keyword = KoreanText.Normalize(request.Q);
            popular.Record(keyword, ClientOf(http));
            if (result.Items.Count > 0) searched.Count(keyword);
        }
        return TypedResults.Ok(result);
    }

    private static async Task<Results<Ok<PopularKeywordsResponse>, ValidationProblem>> PopularAsync(string? window, int? limit, PopularKeywordCounter popular)
    {
        window ??= "24h";
        var errors = new Dictionary<string, string[]>();
        if (!PopularKeywordCounter.Windows.ContainsKey(window)) errors["window"] = ["window는 1h, 24h, 7d 중 하나여야 합니다."];
        if (limit is < 1 or > MaxPopularKeywords) errors["limit"] = [$"limit은 1에서 {MaxPopularKeywords} 사이여야 합니다."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return TypedResults.Ok(new PopularKeywordsResponse(window, await popular.TopAsync(window, limit ?? 10)));
    }

    private static string ClientOf(HttpContext http) =>
        http.User.UserId() is { } userId ? $"user:{userId}" : $"ip:{http.Connection.RemoteIpAddress}";
}
