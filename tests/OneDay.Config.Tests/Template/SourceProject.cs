using OneDay.Testing;

namespace OneDay.Config.Tests.Template;

/// <summary>A project's C# sources, each by its path inside the project ('/'-separated), with comments blanked out.</summary>
internal sealed record SourceProject(string Name, bool IsService, IReadOnlyList<SourceFile> Files)
{
    /// <summary>Every project under services/: a service (outside BuildingBlocks), or a building block, which keeps
    /// only the rules that hold for any code.</summary>
    public static IReadOnlyList<SourceProject> UnderServices() =>
    [
        .. Directory.EnumerateFiles(RepositoryFolder.PathOf("services"), "*.csproj", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(csproj => Read(Path.GetDirectoryName(csproj)!)),
    ];

    public bool HasFolder(string folder) => Files.Any(file => file.IsUnder(folder));

    private static SourceProject Read(string folder)
    {
        var relative = Path.GetRelativePath(RepositoryFolder.Root, folder).Replace('\\', '/');
        var files = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(folder, file).Replace('\\', '/'))
            .Where(path => !path.StartsWith("obj/", StringComparison.Ordinal) && !path.StartsWith("bin/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(path => SourceFile.Of(path, File.ReadAllText(Path.Combine(folder, path))))
            .ToList();
        return new SourceProject(relative, !relative.StartsWith("services/BuildingBlocks/", StringComparison.Ordinal), files);
    }
}
