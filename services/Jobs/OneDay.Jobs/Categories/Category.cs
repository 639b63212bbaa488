namespace OneDay.Jobs.Categories;

/// <summary>A kind of day job (물류/상하차, 식음료/서빙 …) that jobs are filed under.</summary>
public sealed class Category
{
    public int Id { get; init; }
    public required string Name { get; init; }
    public int SortOrder { get; init; }

    /// <summary>The common Korean day-job categories the service starts with.</summary>
    public static readonly IReadOnlyList<string> Seed =
    [
        "물류/상하차", "건설/현장", "식음료/서빙", "주방", "편의점/매장", "행사/스태프", "청소", "이사", "사무보조", "배달/운전", "농어촌", "기타",
    ];
}
