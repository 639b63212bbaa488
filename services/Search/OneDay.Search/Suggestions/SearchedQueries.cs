using System.Collections.Concurrent;
using OneDay.Search.Data;
using OneDay.ServiceDefaults.Background;

namespace OneDay.Search.Suggestions;

/// <summary>
/// Queries that found jobs, counted in memory and added to the suggestion book once a second. Counting
/// each search where it happens made every search a write, and searches for the same popular word queued
/// on its row; a second's delay before a query is offered to others costs nobody anything.
/// </summary>
public sealed class SearchedQueries(IServiceScopeFactory scopes, TimeProvider time, ILogger<SearchedQueries> logger)
    : PeriodicSweep(TimeSpan.FromSeconds(1), time, logger)
{
    private readonly ConcurrentDictionary<string, long> _pending = new(StringComparer.Ordinal);

    protected override string Description => "adding searched queries to the suggestion book";

    public void Count(string query) => _pending.AddOrUpdate(query, 1, (_, count) => count + 1);

    protected override bool SweepsOnStop => true;

    protected override async Task SweepAsync(CancellationToken stoppingToken)
    {
        var taken = _pending.TakeAll();
        if (taken.Count == 0) return;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SearchDbContext>();
            var at = Time.GetUtcNow();
            foreach (var (query, count) in taken) await SuggestionBook.CountAsync(db, query, count, at, stoppingToken);
        }
        catch
        {
            // Kept for the next flush rather than lost with a moment's database trouble.
            foreach (var (query, count) in taken) _pending.AddOrUpdate(query, count, (_, more) => more + count);
            throw;
        }
    }
}
