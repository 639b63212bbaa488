namespace OneDay.Search.Text;

/// <summary>Text made literal inside a LIKE pattern written with <c>ESCAPE '\'</c> (PostgreSQL's default escape too).</summary>
public static class LikePattern
{
    public static string Literal(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
