extern alias gateway;
extern alias search;

using System.Globalization;
using System.Text;
using Npgsql;
using OneDay.Testing;
using GatewayProgram = gateway::Program;
using KoreanText = search::OneDay.Search.Text.KoreanText;
using SearchProgram = search::Program;

namespace OneDay.Benchmarks;

/// <summary>The search service on its own database beside an emulator sidecar, loadable with generated jobs.</summary>
public sealed class SearchStack : IAsyncDisposable
{
    private static readonly string[] Words = ["물류", "상하차", "택배", "분류", "카페", "서빙", "주방", "설거지", "행사", "스태프", "편의점", "야간", "청소", "이사", "사무보조", "포장", "배달", "웨딩홀", "공장", "생산"];
    private static readonly string[] Categories = ["물류/상하차", "식음료/서빙", "주방", "행사/스태프", "편의점/매장", "청소", "이사", "사무보조"];

    private ServiceTestHost<GatewayProgram>? _gateway;

    private SearchStack(ServiceStack<SearchProgram> stack) => Stack = stack;

    public ServiceStack<SearchProgram> Stack { get; }

    public DaprTestEnvironment Dapr => Stack.Dapr;

    public TestDatabase Database => Stack.Database;

    public ServiceTestHost<SearchProgram> Service => Stack.Service;

    /// <summary>
    /// Starts the service on a fresh database, or on the one ONEDAY_BENCH_DATABASE names, which is kept
    /// afterwards so the next run skips loading (the service migrates it at start like any other).
    /// </summary>
    public static async Task<SearchStack> StartAsync() =>
        new(await ServiceStack.StartAsync<SearchProgram>("search", usesRedis: true, new Dictionary<string, string?>(),
            Environment.GetEnvironmentVariable("ONEDAY_BENCH_DATABASE") is { Length: > 0 } kept ? await TestDatabase.KeptAsync(kept) : null));

    /// <summary>
    /// Loads <paramref name="count"/> generated open jobs and their suggestions, unless a kept database
    /// already holds exactly that many (any other number means another run's data: it is replaced).
    /// </summary>
    public async Task LoadAsync(int count)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using (var loaded = new NpgsqlCommand("SELECT count(*) FROM job_documents", connection))
        {
            if ((long)(await loaded.ExecuteScalarAsync())! == count)
            {
                Console.WriteLine($"# {count:N0} jobs already loaded in {Database.Name}");
                await AnalyzeAsync(connection);
                return;
            }
        }
        await using (var empty = new NpgsqlCommand("TRUNCATE job_documents, known_words, suggestions, suggestion_keys", connection))
        {
            await empty.ExecuteNonQueryAsync();
        }
        await LoadJobsAsync(connection, count);
        await LoadSuggestionKeysAsync(connection);
        // Laid out by place, as a reindex leaves the table (Reindexer.LayOutByPlaceAsync).
        await using (var cluster = new NpgsqlCommand("CLUSTER job_documents USING ix_job_documents_location", connection))
        {
            await cluster.ExecuteNonQueryAsync();
        }
        await AnalyzeAsync(connection);
    }

    private static async Task AnalyzeAsync(NpgsqlConnection connection)
    {
        await using var analyze = new NpgsqlCommand("ANALYZE job_documents; ANALYZE known_words; ANALYZE suggestions; ANALYZE suggestion_keys", connection);
        await analyze.ExecuteNonQueryAsync();
    }

    /// <summary>Generated open jobs spread across South Korea, with COPY, their title words known; each distinct title becomes a suggestion.</summary>
    private static async Task LoadJobsAsync(NpgsqlConnection connection, int count)
    {
        var random = new Random(20261124);
        var words = new HashSet<string>(StringComparer.Ordinal);
        await using (var writer = await connection.BeginTextImportAsync(
            "COPY job_documents (job_id, version, employer_id, title, description, category, wage_krw, address, location, starts_at, ends_at, headcount, filled_count, status, posted_at, updated_at, deleted, terms, title_terms, title_text, title_jamo, title_words) FROM STDIN"))
        {
            var now = DateTimeOffset.UtcNow;
            for (var i = 0; i < count; i++)
            {
                var title = $"{Words[random.Next(Words.Length)]} {Words[random.Next(Words.Length)]} {i % 97}";
                var description = $"{Words[random.Next(Words.Length)]} 업무와 {Words[random.Next(Words.Length)]} 보조입니다.";
                var latitude = 34.5 + random.NextDouble() * 3.5;
                var longitude = 126.3 + random.NextDouble() * 3.0;
                var starts = now.AddDays(random.Next(1, 30)).ToString("O", CultureInfo.InvariantCulture);
                var posted = now.AddMinutes(-random.Next(0, 100_000)).ToString("O", CultureInfo.InvariantCulture);
                var line = new StringBuilder()
                    .Append(Guid.NewGuid()).Append('\t').Append(1).Append('\t').Append(Guid.NewGuid()).Append('\t')
                    .Append(title).Append('\t').Append(description).Append('\t').Append(Categories[random.Next(Categories.Length)]).Append('\t')
                    .Append(10_320 + random.Next(0, 40) * 250).Append('\t').Append("대한민국").Append('\t')
                    .Append(string.Create(CultureInfo.InvariantCulture, $"SRID=4326;POINT({longitude} {latitude})")).Append('\t')
                    .Append(starts).Append('\t').Append(starts).Append('\t').Append(3).Append('\t').Append(0).Append('\t').Append("Open").Append('\t')
                    .Append(posted).Append('\t').Append(posted).Append('\t').Append('f').Append('\t')
                    .Append(ArrayLiteral(KoreanText.Terms(title + " " + description))).Append('\t')
                    .Append(ArrayLiteral(KoreanText.Terms(title))).Append('\t')
                    .Append(KoreanText.Normalize(title)).Append('\t').Append(KoreanText.Jamo(title)).Append('\t')
                    .Append(ArrayLiteral(KoreanText.Words(title)));
                words.UnionWith(KoreanText.Words(title));
                await writer.WriteLineAsync(line.ToString());
            }
        }
        await using (var writer = await connection.BeginTextImportAsync("COPY known_words (word, jamo) FROM STDIN"))
        {
            foreach (var word in words) await writer.WriteLineAsync($"{word}\t{KoreanText.Jamo(word)}");
        }
        await using var suggestions = new NpgsqlCommand($"""
            INSERT INTO suggestions (text, jamo, weight, updated_at)
            SELECT title_text, title_jamo, count(*), now() FROM job_documents GROUP BY title_text, title_jamo ON CONFLICT DO NOTHING
            """, connection);
        await suggestions.ExecuteNonQueryAsync();
    }

    /// <summary>Keys for the suggestions loaded above (the service computes the same ones for new titles).</summary>
    private static async Task LoadSuggestionKeysAsync(NpgsqlConnection connection)
    {
        var texts = new List<string>();
        await using (var read = new NpgsqlCommand("SELECT text FROM suggestions", connection))
        await using (var reader = await read.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) texts.Add(reader.GetString(0));
        }
        await using var writer = await connection.BeginTextImportAsync("COPY suggestion_keys (key, text) FROM STDIN");
        foreach (var text in texts)
        {
            foreach (var key in KoreanText.WordStartKeys(text)) await writer.WriteLineAsync($"{key}\t{text}");
        }
    }

    /// <summary>
    /// The gateway in front of the search service, started by the first scenario that needs it (gateway, web) and
    /// shared after: the emulator's cluster holds one app per id. Rate limits are lifted: the scenarios measure, they do not attack.
    /// </summary>
    public async Task<ServiceTestHost<GatewayProgram>> GatewayAsync() =>
        _gateway ??= await Dapr.StartServiceAsync<GatewayProgram>("gateway", new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["RateLimiting:Anonymous:Burst"] = "1000000",
            ["RateLimiting:Anonymous:PerSecond"] = "1000000",
        });

    private static string ArrayLiteral(IEnumerable<string> items) => "{" + string.Join(',', items.Select(i => "\"" + i + "\"")) + "}";

    public ValueTask DisposeAsync() => Stack.DisposeAsync();
}
