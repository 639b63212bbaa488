namespace OneDay.Testing;

/// <summary>The checked-out repository the tests run from (the folder holding OneDay.sln), for its own files.</summary>
public static class RepositoryFolder
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    public static string Root => LazyRoot.Value;

    public static string PathOf(string relativePath) => Path.GetFullPath(Path.Combine(Root, relativePath));

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "OneDay.sln"))) return folder.FullName;
        }
        throw new InvalidOperationException($"No OneDay.sln in {AppContext.BaseDirectory} or any folder above it: run the tests from a clone of the repository.");
    }
}
