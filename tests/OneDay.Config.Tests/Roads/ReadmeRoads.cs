namespace OneDay.Config.Tests.Roads;

/// <summary>
/// The who-calls and who-hears tables of README's architecture section: "| caller | callee | routes | … |" with
/// routes as "`VERB /path`, …", and "| event | published by | heard by |" with apps separated by ", " ("—": none).
/// </summary>
internal static class ReadmeRoads
{
    private const string CallsHeader = "| caller | callee | routes |";
    private const string EventsHeader = "| event | published by | heard by |";
    private const string Nobody = "—";

    public static ServiceRoads Parse(string markdown)
    {
        var lines = markdown.Split('\n').Select(line => line.TrimEnd('\r')).ToList();
        var calls = RowsAfter(lines, CallsHeader).SelectMany(cells =>
            Items(cells[2]).Select(route => route.Split(' ', 2)).Select(route => new ServiceCall(cells[0], cells[1], route[0], route[1])));
        var events = RowsAfter(lines, EventsHeader).Select(cells => new EventRoad(cells[0], Apps(cells[1]), Apps(cells[2])));
        return new ServiceRoads([.. calls], [.. events]);
    }

    /// <summary>The cells of each row of the table under <paramref name="header"/>, backticks removed.</summary>
    private static IEnumerable<string[]> RowsAfter(List<string> lines, string header)
    {
        var start = lines.FindIndex(line => line.StartsWith(header, StringComparison.Ordinal));
        if (start < 0) throw new InvalidOperationException($"README.md has no table headed {header}");
        return lines.Skip(start + 2).TakeWhile(line => line.StartsWith('|'))
            .Select(line => line.Trim('|').Split('|').Select(cell => cell.Replace("`", "", StringComparison.Ordinal).Trim()).ToArray());
    }

    private static string[] Items(string cell) => cell.Split(", ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static IReadOnlyList<string> Apps(string cell) => cell == Nobody ? [] : [.. Items(cell).Order(StringComparer.Ordinal)];
}
