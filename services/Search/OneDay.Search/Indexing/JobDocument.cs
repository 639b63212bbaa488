using NetTopologySuite.Geometries;

namespace OneDay.Search.Indexing;

/// <summary>
/// A job as search sees it: the latest snapshot the events brought (never older: <see cref="Version"/>
/// only grows), with its index columns. A deleted job stays as a tombstone so a late update cannot revive it.
/// </summary>
public sealed class JobDocument
{
    public Guid JobId { get; init; }
    public long Version { get; set; }
    public Guid EmployerId { get; set; }
    public string Title { get; set; } = "";
    public string Description { get; set; } = "";
    public string Category { get; set; } = "";
    public long WageKrw { get; set; }
    public string WageUnit { get; set; } = "Hourly";
    public string Address { get; set; } = "";
    public Point Location { get; set; } = new(0, 0) { SRID = 4326 };
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
    public int Headcount { get; set; }
    public int FilledCount { get; set; }
    public string Status { get; set; } = "";
    public DateTimeOffset PostedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public bool Deleted { get; set; }

    /// <summary>Bigrams, unigrams and words of title and description (GIN): keyword matching.</summary>
    public string[] Terms { get; set; } = [];

    /// <summary>The same for the title alone: a title match ranks above a description match.</summary>
    public string[] TitleTerms { get; set; } = [];

    /// <summary>The normalised title, for exact-phrase ranking.</summary>
    public string TitleText { get; set; } = "";

    /// <summary>The title spelled in letters: how close a title is to what was typed (relevance).</summary>
    public string TitleJamo { get; set; } = "";

    /// <summary>The title's words (GIN): where a misspelled query word, once recognised, is looked for.</summary>
    public string[] TitleWords { get; set; } = [];
}

/// <summary>
/// A word seen in some title, spelled in letters (GIN trigram). A misspelled query word (카폐) is matched
/// against these few thousand words rather than against every job's title, as a search engine expands a
/// fuzzy term against its term dictionary: then the jobs holding the words it may have meant (카페) are
/// found through <see cref="JobDocument.TitleWords"/>. Words are never removed: one no job holds any more
/// finds nothing.
/// </summary>
public sealed class KnownWord
{
    public required string Word { get; init; }
    public required string Jamo { get; init; }
}
