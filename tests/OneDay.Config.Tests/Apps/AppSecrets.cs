using System.Text.RegularExpressions;
using OneDay.Testing;

namespace OneDay.Config.Tests.Apps;

/// <summary>The secrets each app asks the secret store for, as its composition root names them.</summary>
internal static partial class AppSecrets
{
    /// <summary>The secrets an app's Program.cs reads (AddServiceDefaults(secrets: […])); "shared" always.</summary>
    public static IReadOnlyList<string> ReadByApp(string programSource)
    {
        if (DefaultsCall().Match(programSource) is not { Success: true } call)
            throw new InvalidDataException("Program.cs does not call AddServiceDefaults.");
        // "shared" is always read; the list names the service's own.
        return ["shared", .. call.Groups["list"].Success
            ? call.Groups["list"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(item => item.Trim('"'))
            : []];
    }

    /// <summary>What each app of dapr.yaml reads, from the Program.cs in its project folder.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ReadByApps() =>
        OneDayApps.All.ToDictionary(
            app => app.AppId,
            app => ReadByApp(File.ReadAllText(Path.Combine(RepositoryFolder.PathOf(app.AppDirPath), "Program.cs"))),
            StringComparer.Ordinal);

    [GeneratedRegex(@"AddServiceDefaults\((?:secrets:\s*\[(?<list>[^\]]*)\])?\)")]
    private static partial Regex DefaultsCall();
}
