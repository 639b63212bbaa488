using System.Text.RegularExpressions;

namespace OneDay.Config.Tests.Template;

/// <summary>One C# file of a project: its path inside the project and its code without comments, so a comment that
/// names a thing (an API, HasColumnName) is not taken for a use of it.</summary>
internal sealed partial record SourceFile(string Path, string Code)
{
    public static SourceFile Of(string path, string text) => new(path, LineComment().Replace(BlockComment().Replace(text, ""), ""));

    /// <summary>Whether the file sits in <paramref name="folder"/> (a path from the project's root) or below it.</summary>
    public bool IsUnder(string folder) => Path.StartsWith(folder + "/", StringComparison.Ordinal);

    [GeneratedRegex(@"/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex BlockComment();

    /// <summary>From "//" at a line's start or after a space to the line's end ("http://" in a string stays).</summary>
    [GeneratedRegex(@"(^|(?<=\s))//.*$", RegexOptions.Multiline)]
    private static partial Regex LineComment();
}
