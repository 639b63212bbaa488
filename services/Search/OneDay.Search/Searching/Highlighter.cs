using System.Net;
using System.Text;

namespace OneDay.Search.Searching;

/// <summary>Marks the parts of a title the query matched with &lt;em&gt;, the rest HTML-escaped.</summary>
public static class Highlighter
{
    public static string Highlight(string title, IReadOnlyList<string> terms)
    {
        if (terms.Count == 0) return WebUtility.HtmlEncode(title);
        var marked = new bool[title.Length];
        var lower = title.ToLowerInvariant();
        foreach (var term in terms)
        {
            for (var at = lower.IndexOf(term, StringComparison.Ordinal); at >= 0; at = lower.IndexOf(term, at + 1, StringComparison.Ordinal))
            {
                for (var i = at; i < at + term.Length; i++) marked[i] = true;
            }
        }
        var html = new StringBuilder();
        for (var i = 0; i < title.Length; i++)
        {
            if (marked[i] && (i == 0 || !marked[i - 1])) html.Append("<em>");
            html.Append(WebUtility.HtmlEncode(title[i].ToString()));
            if (marked[i] && (i == title.Length - 1 || !marked[i + 1])) html.Append("</em>");
        }
        return html.ToString();
    }
}
