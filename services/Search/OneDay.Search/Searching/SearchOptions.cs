using System.ComponentModel.DataAnnotations;

namespace OneDay.Search.Searching;

/// <summary>How searches use the database (section "Search").</summary>
public sealed class SearchOptions
{
    public const string Section = "Search";

    /// <summary>Searches running against PostgreSQL at once; more wait for a connection. Twice the cores when not set.</summary>
    [Range(1, 1_000, ErrorMessage = "Search:MaxConnections must be between 1 and 1,000.")]
    public int? MaxConnections { get; set; }
}
