using System.Text.Json;
using System.Xml.Linq;
using OneDay.Config.Tests;
using OneDay.Testing;

namespace OneDay.Deployment.Tests;

/// <summary>
/// The container images: one Dockerfile parameterised by service, and docker-bake.json naming each
/// service's build. Every service project has an image whose port and entry assembly are its own.
/// </summary>
public sealed class ContainerImageTests
{
    private static readonly string Dockerfile = File.ReadAllText(RepositoryFolder.PathOf("Dockerfile"));

    private static JsonElement BakeTargets() =>
        JsonDocument.Parse(File.ReadAllText(RepositoryFolder.PathOf("docker-bake.json"))).RootElement.GetProperty("target");

    /// <summary>Services whose project exists (the ones built so far).</summary>
    public static TheoryData<string> ServiceProjects()
    {
        var data = new TheoryData<string>();
        foreach (var app in OneDayApps.All.Where(a => File.Exists(RepositoryFolder.PathOf($"{a.AppDirPath}/OneDay.{a.Project}.csproj")))) data.Add(app.AppId);
        return data;
    }

    [Theory]
    [MemberData(nameof(ServiceProjects))]
    public void Every_service_project_has_an_image_built_with_its_port_and_its_own_entry_assembly(string appId)
    {
        var app = OneDayApps.All.Single(a => a.AppId == appId);
        Assert.True(BakeTargets().TryGetProperty(appId, out var target), $"docker-bake.json has no target {appId}");
        var args = target.GetProperty("args");

        Assert.Equal(app.Project, args.GetProperty("SERVICE").GetString());
        Assert.Equal(app.AppPort.ToString(System.Globalization.CultureInfo.InvariantCulture), args.GetProperty("PORT").GetString());
        Assert.Contains(appId, BakeGroup());
        var project = XDocument.Load(RepositoryFolder.PathOf($"{app.AppDirPath}/OneDay.{app.Project}.csproj"));
        Assert.Equal("Microsoft.NET.Sdk.Web", project.Root!.Attribute("Sdk")!.Value);
        Assert.Null(project.Descendants("AssemblyName").FirstOrDefault());
    }

    [Fact]
    public void Every_bake_target_builds_an_existing_service_on_its_port()
    {
        foreach (var target in BakeTargets().EnumerateObject())
        {
            var app = Assert.Single(OneDayApps.All, a => a.AppId == target.Name);
            Assert.True(File.Exists(RepositoryFolder.PathOf($"{app.AppDirPath}/OneDay.{app.Project}.csproj")), $"{target.Name}: no project");
            Assert.Equal($"oneday/{app.AppId}", target.Value.GetProperty("tags")[0].GetString()!.Replace("${REGISTRY}", "oneday", StringComparison.Ordinal).Split(':')[0]);
        }
    }

    [Fact]
    public void The_dockerfile_publishes_the_named_project_runs_it_as_non_root_and_exposes_its_port()
    {
        Assert.Contains("dotnet publish services/${SERVICE}/OneDay.${SERVICE}/OneDay.${SERVICE}.csproj", Dockerfile, StringComparison.Ordinal);
        Assert.Contains("ONEDAY_ENTRY_ASSEMBLY=OneDay.${SERVICE}.dll", Dockerfile, StringComparison.Ordinal);
        Assert.Contains("ASPNETCORE_HTTP_PORTS=${PORT}", Dockerfile, StringComparison.Ordinal);
        Assert.Contains("EXPOSE ${PORT}", Dockerfile, StringComparison.Ordinal);
        Assert.Contains("USER $APP_UID", Dockerfile, StringComparison.Ordinal);
        Assert.Contains("FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build", Dockerfile, StringComparison.Ordinal);
        Assert.Contains("FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION} AS final", Dockerfile, StringComparison.Ordinal);
        // The final stage takes only the published app from the build stage.
        Assert.Equal(["COPY --from=build /app ."], Dockerfile[Dockerfile.IndexOf("AS final", StringComparison.Ordinal)..].Split('\n').Where(line => line.StartsWith("COPY", StringComparison.Ordinal)));
        Assert.DoesNotContain("HEALTHCHECK ", Dockerfile, StringComparison.Ordinal);
    }

    [Fact]
    public void The_restore_layer_copies_every_building_block_a_service_may_reference()
    {
        // A building block missing here fails `dotnet restore` inside the image, however the repo builds.
        foreach (var project in Directory.GetDirectories(RepositoryFolder.PathOf("services/BuildingBlocks")).Select(Path.GetFileName))
            Assert.Contains($"COPY services/BuildingBlocks/{project}/*.csproj services/BuildingBlocks/{project}/", Dockerfile, StringComparison.Ordinal);
    }

    [Fact]
    public void The_build_context_leaves_out_build_output_and_local_secrets()
    {
        var ignored = File.ReadAllLines(RepositoryFolder.PathOf(".dockerignore"));

        Assert.Contains("**/bin/", ignored);
        Assert.Contains("**/obj/", ignored);
        Assert.Contains("components/secrets.dev.json", ignored);
    }

    private static IEnumerable<string> BakeGroup() =>
        JsonDocument.Parse(File.ReadAllText(RepositoryFolder.PathOf("docker-bake.json"))).RootElement
            .GetProperty("group").GetProperty("default").GetProperty("targets").EnumerateArray().Select(t => t.GetString()!);
}
