namespace OneDay.Config.Tests;

/// <summary>The checked-out repository these tests read; nothing outside it.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relativePath) => Path.GetFullPath(Path.Combine(Root, relativePath));

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "OneDay.sln")))
                return directory.FullName;
        }

        throw new InvalidOperationException($"No OneDay.sln in {AppContext.BaseDirectory} or any folder above it.");
    }
}
