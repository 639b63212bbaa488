using OneDay.Search.Text;

namespace OneDay.Search.Searching;

public enum SearchSort
{
    Relevance,
    Distance,
    Wage,
    Recent,
}

/// <summary>`GET /search/jobs` as asked: every field optional; <see cref="Validate"/> says what is wrong.</summary>
public sealed record JobSearchRequest(
    string? Q,
    double? Lat,
    double? Lng,
    double? RadiusKm,
    string? Category,
    long? MinWage,
    string? WageUnit,
    DateTimeOffset? DateFrom,
    DateTimeOffset? DateTo,
    string? Sort,
    string? Cursor,
    int? Limit)
{
    public const int MaxQueryLength = 100;
    public const double MaxRadiusKm = 50;
    public const int MaxLimit = 50;

    public int PageSize => Limit ?? 20;

    public bool HasPoint => Lat is not null && Lng is not null;

    /// <summary>Whether a keyword was asked for at all: one with nothing searchable in it (only `%`, say) finds nothing.</summary>
    public bool HasKeyword => !string.IsNullOrWhiteSpace(Q);

    /// <summary>Whether the keyword holds anything an index can look up: letters, digits, Hangul.</summary>
    public bool HasSearchableKeyword => HasKeyword && KoreanText.QueryTerms(KoreanText.Normalize(Q!)).Count > 0;

    /// <summary>The asked sort, or a sensible one: relevance for a keyword, else distance from a point, else recency.</summary>
    public SearchSort EffectiveSort => ParsedSort ?? (HasSearchableKeyword ? SearchSort.Relevance : HasPoint ? SearchSort.Distance : SearchSort.Recent);

    private SearchSort? ParsedSort => Enum.TryParse<SearchSort>(Sort, ignoreCase: true, out var sort) && !int.TryParse(Sort, out _) ? sort : null;

    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (Q?.Length > MaxQueryLength) errors["q"] = [$"검색어는 {MaxQueryLength}자 이하여야 합니다."];
        if (Lat is null != Lng is null) errors["lat"] = ["lat과 lng는 함께 지정해야 합니다."];
        if (Lat is < -90 or > 90) errors["lat"] = ["lat은 -90에서 90 사이여야 합니다."];
        if (Lng is < -180 or > 180) errors["lng"] = ["lng는 -180에서 180 사이여야 합니다."];
        if (RadiusKm is not null && !HasPoint) errors["radiusKm"] = ["반경 검색에는 lat과 lng가 필요합니다."];
        if (RadiusKm is <= 0 or > MaxRadiusKm) errors["radiusKm"] = [$"반경은 0보다 크고 {MaxRadiusKm}km 이하여야 합니다."];
        // NaN passes every range test above; infinities are caught by the ranges.
        if (Lat is double.NaN) errors["lat"] = ["lat은 숫자여야 합니다."];
        if (Lng is double.NaN) errors["lng"] = ["lng는 숫자여야 합니다."];
        if (RadiusKm is double.NaN) errors["radiusKm"] = ["radiusKm은 숫자여야 합니다."];
        if (MinWage is < 0) errors["minWage"] = ["최소 임금은 0 이상이어야 합니다."];
        if (WageUnit is not null && WageUnit is not ("Hourly" or "Daily")) errors["wageUnit"] = ["wageUnit은 Hourly 또는 Daily여야 합니다."];
        if (DateFrom is not null && DateTo is not null && DateTo < DateFrom) errors["dateTo"] = ["dateTo는 dateFrom 이후여야 합니다."];
        if (Sort is not null && ParsedSort is null) errors["sort"] = ["sort는 relevance, distance, wage, recent 중 하나여야 합니다."];
        if (ParsedSort == SearchSort.Distance && !HasPoint) errors["sort"] = ["거리순 정렬에는 lat과 lng가 필요합니다."];
        if (ParsedSort == SearchSort.Relevance && !HasSearchableKeyword) errors["sort"] = ["관련도순 정렬에는 검색어가 필요합니다."];
        if (Limit is < 1 or > MaxLimit) errors["limit"] = [$"limit은 1에서 {MaxLimit} 사이여야 합니다."];
        if (Cursor is not null && SearchCursor.TryParse(Cursor, EffectiveSort) is null) errors["cursor"] = ["cursor가 올바르지 않습니다."];
        return errors;
    }
}
