namespace OneDay.DaprEmulator.Configuration;

/// <summary>
/// A Dapr multi-app run template, `dapr.yaml` (dapr/cli pkg/runfileconfig/run_file_config.go;
/// docs/dapr-sidecar.md §D.1), with its paths resolved as the CLI resolves them: `appDirPath` and `common`
/// paths relative to the template's folder, an app's own paths relative to its `appDirPath`; resources
/// precedence app > &lt;appDir&gt;/.dapr/resources > common; config app > &lt;appDir&gt;/.dapr/config.yaml > common.
/// </summary>
public sealed record RunTemplate(string File, IReadOnlyList<RunTemplateApp> Apps)
{
    public static RunTemplate Load(string path)
    {
        var file = Directory.Exists(path) ? Path.Combine(path, "dapr.yaml") : path;
        file = Path.GetFullPath(file);
        var folder = Path.GetDirectoryName(file)!;
        var document = YamlTree.LoadDocuments(System.IO.File.ReadAllText(file)) is [{ } first, ..]
            ? first
            : throw new InvalidDataException($"{file} is empty");
        var common = YamlTree.Get(document, "common");
        var commonResources = ResourcesPaths(common, folder);
        var commonConfig = RelativeTo(folder, YamlTree.Text(common, "configFilePath"));
        var commonEnv = Env(common);

        var apps = new List<RunTemplateApp>();
        foreach (var app in YamlTree.List(document, "apps"))
        {
            var dirText = YamlTree.Text(app, "appDirPath") ?? throw new InvalidDataException($"{file}: every app needs appDirPath");
            var appDir = RelativeTo(folder, dirText)!;
            var resources = ResourcesPaths(app, appDir);
            if (resources.Count == 0 && Directory.Exists(Path.Combine(appDir, ".dapr", "resources"))) resources = [Path.Combine(appDir, ".dapr", "resources")];
            if (resources.Count == 0) resources = commonResources;
            var config = RelativeTo(appDir, YamlTree.Text(app, "configFilePath"))
                         ?? (System.IO.File.Exists(Path.Combine(appDir, ".dapr", "config.yaml")) ? Path.Combine(appDir, ".dapr", "config.yaml") : commonConfig);
            var env = new Dictionary<string, string>(commonEnv, StringComparer.Ordinal);
            foreach (var (key, value) in Env(app)) env[key] = value;

            apps.Add(new RunTemplateApp(
                YamlTree.Text(app, "appID") ?? Path.GetFileName(appDir.TrimEnd(Path.DirectorySeparatorChar)),
                appDir,
                YamlTree.Strings(app, "command"),
                YamlTree.Number(app, "appPort") ?? 0,
                YamlTree.Number(app, "daprHTTPPort") ?? 0,
                YamlTree.Number(app, "daprGRPCPort") ?? 0,
                resources,
                config,
                env,
                YamlTree.Text(app, "enableAppHealthCheck") is { } enabled ? bool.Parse(enabled) : YamlTree.Bool(common, "enableAppHealthCheck"),
                YamlTree.Text(app, "appHealthCheckPath") ?? YamlTree.Text(common, "appHealthCheckPath") ?? "/healthz",
                YamlTree.Text(app, "appProtocol") ?? YamlTree.Text(common, "appProtocol") ?? "http",
                (YamlTree.Text(app, "maxBodySize") ?? YamlTree.Text(common, "maxBodySize")) is { } size ? ByteQuantity.Parse(size) : null));
        }
        return new RunTemplate(file, apps);
    }

    private static List<string> ResourcesPaths(object? node, string relativeTo)
    {
        var paths = YamlTree.Strings(node, "resourcesPaths").ToList();
        if (YamlTree.Text(node, "resourcesPath") is { Length: > 0 } single) paths.Add(single);
        return paths.Select(p => RelativeTo(relativeTo, p)!).Distinct().ToList();
    }

    private static Dictionary<string, string> Env(object? node) =>
        YamlTree.Entries(node, "env").ToDictionary(kv => kv.Key, kv => Convert.ToString(kv.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "", StringComparer.Ordinal);

    private static string? RelativeTo(string folder, string? path) =>
        string.IsNullOrEmpty(path) ? null : Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(folder, path));
}

public sealed record RunTemplateApp(
    string AppId,
    string AppDirPath,
    IReadOnlyList<string> Command,
    int AppPort,
    int DaprHttpPort,
    int DaprGrpcPort,
    IReadOnlyList<string> ResourcesPaths,
    string? ConfigFilePath,
    IReadOnlyDictionary<string, string> Env,
    bool EnableAppHealthCheck,
    string AppHealthCheckPath,
    string AppProtocol,
    int? MaxBodySize);
