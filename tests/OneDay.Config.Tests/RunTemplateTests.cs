using OneDay.Config.Tests.Apps;
using OneDay.Config.Tests.Validation;
using YamlDotNet.RepresentationModel;
using OneDay.Testing;

namespace OneDay.Config.Tests;

/// <summary>dapr.yaml, the multi-app run template that `dapr run -f .` (and the emulator) starts the system from.</summary>
public class RunTemplateTests
{
    private const string Minimal = """
        version: 1
        common:
          resourcesPaths: [./components]
        apps:
          - appID: users
            appDirPath: ./services/Users/OneDay.Users
            appPort: 3001
            daprHTTPPort: 3501
            daprGRPCPort: 50101
            command: ["dotnet", "run"]
        """;

    [Fact]
    public void The_run_template_uses_only_keys_the_dapr_cli_reads_and_no_port_twice()
    {
        var problems = RunTemplateValidator.Validate(Template());

        ProblemAssert.None(problems);
    }

    [Fact]
    public void The_run_template_starts_the_seven_services_on_their_design_ports()
    {
        var template = Template();

        var started = Apps(template).Select(app =>
            (app.ScalarAt("appID"), Port(app, "appPort"), Port(app, "daprHTTPPort"), Port(app, "daprGRPCPort")));

        Assert.Equal("1", template.ScalarAt("version"));
        Assert.Equal(
            OneDayApps.All.Select(app => ((string?)app.AppId, app.AppPort, app.DaprHttpPort, app.DaprGrpcPort)).Order(),
            started.Order());
    }

    [Fact]
    public void Each_app_is_started_from_its_design_project_folder_by_running_that_projects_built_assembly()
    {
        Assert.All(Apps(Template()), app =>
        {
            var design = Assert.Single(OneDayApps.All, known => known.AppId == app.ScalarAt("appID"));
            Assert.Equal(design.AppDirPath, app.ScalarAt("appDirPath"));
            // The project's own assembly, where `dotnet build OneDay.sln` (run before these tests) puts it.
            var project = Path.GetFileName(design.AppDirPath);
            Assert.Equal(["dotnet", $"bin/Debug/net10.0/{project}.dll"], app.ScalarsAt("command"));
            Assert.True(File.Exists(Path.Combine(RepositoryFolder.PathOf(design.AppDirPath), "bin", "Debug", "net10.0", project + ".dll")));
        });
    }

    [Fact]
    public void Every_sidecar_loads_the_shared_components_the_redis_broker_layer_and_its_apps_own_configuration()
    {
        var template = Template();
        var common = template.MappingAt("common");

        Assert.NotNull(common);
        Assert.Equal(["./components", "./components/redis"], common.ScalarsAt("resourcesPaths"));
        Assert.All(common.ScalarsAt("resourcesPaths"), path => Assert.True(Directory.Exists(RepositoryFolder.PathOf(path))));
        Assert.Null(common.ScalarAt("configFilePath"));
        Assert.All(Apps(template), app =>
        {
            // The CLI resolves an app's own paths against its appDirPath.
            var configFile = Path.GetFullPath(Path.Combine(RepositoryFolder.PathOf(app.ScalarAt("appDirPath")!), app.ScalarAt("configFilePath") ?? ""));
            Assert.Equal(RepositoryFolder.PathOf($"{AppConfigurations.SelfHosted}/{app.ScalarAt("appID")}.yaml"), configFile);
            Assert.Equal("Configuration", Assert.Single(DaprResource.Parse(File.ReadAllText(configFile))).Kind);
        });
    }

    [Fact]
    public void A_valid_template_has_no_problem()
    {
        ProblemAssert.None(RunTemplateValidator.Validate(YamlNodes.ParseDocument(Minimal)));
    }

    [Theory]
    [InlineData("appID:", "appId:", "apps[0].appId: not a key Dapr reads")]
    [InlineData("resourcesPaths:", "resourcePaths:", "common.resourcePaths: not a key Dapr reads")]
    [InlineData("daprGRPCPort: 50101", "daprGRPCPort: 3501", "apps[0].daprGRPCPort 3501 is already apps[0].daprHTTPPort")]
    [InlineData("appDirPath: ./services/Users/OneDay.Users", "appDir: ./services/Users/OneDay.Users", "apps[0].appDirPath is missing")]
    [InlineData("version: 1", "versions: 1", "version is missing")]
    public void A_template_the_dapr_cli_would_misread_or_refuse_is_reported(string original, string replacement, string expected)
    {
        var yaml = Minimal.Replace(original, replacement, StringComparison.Ordinal);

        Assert.Contains(RunTemplateValidator.Validate(YamlNodes.ParseDocument(yaml)), problem => problem.Contains(expected, StringComparison.Ordinal));
    }

    private static YamlMappingNode Template() => YamlNodes.ParseDocument(File.ReadAllText(RepositoryFolder.PathOf("dapr.yaml")));

    private static List<YamlMappingNode> Apps(YamlMappingNode template) =>
        template.SequenceAt("apps").OfType<YamlMappingNode>().ToList();

    private static int Port(YamlMappingNode app, string key) =>
        app.Child(key) is { } node && node.TryGetInteger(out var port) ? (int)port : 0;
}
