namespace OneDay.Deployment.Tests;

/// <summary>A folder of files written for one test, deleted afterwards.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"oneday-kustomize-{Guid.NewGuid():N}");

    public TempDirectory With(string relativePath, string content)
    {
        var file = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, content);
        return this;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
