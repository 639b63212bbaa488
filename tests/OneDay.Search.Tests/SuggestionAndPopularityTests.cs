using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OneDay.Contracts;
using OneDay.Testing;

namespace OneDay.Search.Tests;

/// <summary>Completions while typing, and what people search for most.</summary>
public sealed class SuggestionAndPopularityTests(SearchFixture fixture) : IClassFixture<SearchFixture>
{
    private async Task<IReadOnlyList<string>> SuggestAsync(string q)
    {
        using var client = fixture.Service.CreateClient();
        var response = await client.GetFromJsonAsync<JsonElement>($"/search/suggestions?q={Uri.EscapeDataString(q)}");
        return response.GetProperty("suggestions").EnumerateArray().Select(s => s.GetString()!).ToList();
    }

    [Fact]
    public async Task A_prefix_suggests_titles_that_start_with_it()
    {
        var suggestions = await SuggestAsync("물류센터");

        Assert.NotEmpty(suggestions);
        Assert.All(suggestions, s => Assert.StartsWith("물류센터", s, StringComparison.Ordinal));
        Assert.True(suggestions.Count <= 10);
    }

    [Theory]
    [InlineData("ㅁㄹㅅㅌ", "물류센터")]
    [InlineData("ㅅㅎㅊ", "상하차")]
    [InlineData("ㄱㄴ ㅋㅍ", "강남 카페")]
    public async Task Initial_consonants_suggest_the_words_they_spell_wherever_the_word_starts(string chosung, string expected)
    {
        var suggestions = await SuggestAsync(chosung);

        Assert.NotEmpty(suggestions);
        Assert.All(suggestions, s => Assert.Contains(expected, s, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Initial_consonants_match_every_word_they_spell()
    {
        // ㅋㅍ spells both 카페 and 쿠팡; more letters tell them apart.
        var both = await SuggestAsync("ㅋㅍ");
        var coupang = await SuggestAsync("ㅋㅍㅁㄹ");

        Assert.NotEmpty(both);
        Assert.All(both, s => Assert.True(s.Contains("카페", StringComparison.Ordinal) || s.Contains("쿠팡", StringComparison.Ordinal), s));
        Assert.NotEmpty(coupang);
        Assert.All(coupang, s => Assert.Contains("쿠팡 물류", s, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_misspelled_prefix_still_suggests_the_word_meant()
    {
        var suggestions = await SuggestAsync("강남 카폐");

        Assert.Contains(suggestions, s => s.StartsWith("강남 카페", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("q=")]
    public async Task An_empty_query_is_a_400_problem(string query)
    {
        await fixture.AssertBadRequestAsync($"/search/suggestions?{query}");
    }

    [Fact]
    public async Task Popular_keywords_rank_by_how_many_clients_searched_and_one_client_counts_once()
    {
        var rare = $"키워드{Guid.NewGuid():N}"[..12];
        var common = $"인기{Guid.NewGuid():N}"[..12];
        using var client = fixture.Service.CreateClient();
        // One client repeating a keyword many times…
        for (var i = 0; i < 5; i++) (await client.GetAsync(new Uri($"/search/jobs?q={Uri.EscapeDataString(rare)}", UriKind.Relative))).Dispose();
        // …against three different signed-in users searching another once each.
        foreach (var user in Enumerable.Range(0, 3).Select(_ => Guid.NewGuid()))
        {
            using var signedIn = fixture.Service.CreateClient(TestTokens.For(user, UserRole.Worker));
            (await signedIn.GetAsync(new Uri($"/search/jobs?q={Uri.EscapeDataString(common)}", UriKind.Relative))).Dispose();
        }

        // Searches are written to Redis once a second.
        var counts = new Dictionary<string, long>();
        for (var wait = Stopwatch.StartNew(); wait.Elapsed < TimeSpan.FromSeconds(10) && !(counts.ContainsKey(common) && counts.ContainsKey(rare)); await Task.Delay(100))
        {
            var popular = await client.GetFromJsonAsync<JsonElement>("/search/popular-keywords?window=1h&limit=50");
            counts = popular.GetProperty("keywords").EnumerateArray()
                .ToDictionary(k => k.GetProperty("keyword").GetString()!, k => k.GetProperty("count").GetInt64());
        }

        Assert.Equal(3, counts[common]);
        Assert.Equal(1, counts[rare]);
    }

    [Theory]
    [InlineData("window=2h")]
    [InlineData("limit=0")]
    [InlineData("limit=51")]
    public async Task Bad_popular_keyword_requests_are_400(string query)
    {
        await fixture.AssertBadRequestAsync($"/search/popular-keywords?{query}");
    }
}
