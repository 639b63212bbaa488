using OneDay.Config.Tests;
using OneDay.Config.Tests.Apps;
using OneDay.Config.Tests.Validation;
using OneDay.Deployment.Tests.Checks;
using OneDay.Deployment.Tests.Manifests;
using OneDay.Testing;

namespace OneDay.Deployment.Tests;

/// <summary>Each service account may get exactly the Secrets its app and its components read.</summary>
public class SecretAccessTests
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> ReadByApps = AppSecrets.ReadByApps();

    private static Dictionary<string, IReadOnlySet<string>> NeededInAnyOverlay() =>
        Overlays.All
            .SelectMany(overlay => SecretAccessChecks.Needed(overlay, ReadByApps))
            .GroupBy(app => app.Key, StringComparer.Ordinal)
            .ToDictionary(app => app.Key, app => (IReadOnlySet<string>)app.SelectMany(a => a.Value).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void Every_service_account_may_get_exactly_the_secrets_its_app_needs(string overlay)
    {
        var rendered = Overlays.Get(overlay);

        ProblemAssert.None(SecretAccessChecks.LeastPrivilege(rendered, SecretAccessChecks.Needed(rendered, ReadByApps), NeededInAnyOverlay()));
    }

    [Fact]
    public void Only_users_reads_the_secret_that_holds_the_token_signing_key()
    {
        Assert.Equal(["users"], ReadByApps.Where(app => app.Value.Contains("users")).Select(app => app.Key));
        Assert.Equal(["shared"], ReadByApps["gateway"]);
        Assert.All(ReadByApps.Values, secrets => Assert.Contains("shared", secrets));
    }

    [Fact]
    public void A_service_account_that_may_list_secrets_any_resource_or_through_a_cluster_role_or_misses_one_is_reported()
    {
        var rendered = Overlays.RenderAfresh(Overlays.Redis);
        var notifications = rendered.Documents.Single(d => d.ScalarAt("kind") == "Role" && d.MappingAt("metadata")?.ScalarAt("name") == "notifications-secrets");
        var rule = (YamlDotNet.RepresentationModel.YamlMappingNode)notifications.SequenceAt("rules")[0];
        rule.Children[new YamlDotNet.RepresentationModel.YamlScalarNode("verbs")] = new YamlDotNet.RepresentationModel.YamlSequenceNode(
            new YamlDotNet.RepresentationModel.YamlScalarNode("get"), new YamlDotNet.RepresentationModel.YamlScalarNode("list"));
        rule.Children[new YamlDotNet.RepresentationModel.YamlScalarNode("resources")] = new YamlDotNet.RepresentationModel.YamlSequenceNode(
            new YamlDotNet.RepresentationModel.YamlScalarNode("*"));
        rule.Children[new YamlDotNet.RepresentationModel.YamlScalarNode("resourceNames")] = new YamlDotNet.RepresentationModel.YamlSequenceNode(
            new[] { "shared", "notifications", "redis", "rabbitmq", "twilio", "push", "users" }.Select(n => new YamlDotNet.RepresentationModel.YamlScalarNode(n)));
        var gatewayBinding = rendered.Documents.Single(d => d.ScalarAt("kind") == "RoleBinding" && d.MappingAt("metadata")?.ScalarAt("name") == "gateway-secrets");
        gatewayBinding.MappingAt("roleRef")!.Children[new YamlDotNet.RepresentationModel.YamlScalarNode("kind")] = new YamlDotNet.RepresentationModel.YamlScalarNode("ClusterRole");
        var reread = RenderedOverlay.FromYaml(string.Join("\n---\n", rendered.Documents.Select(YamlText.Of)));

        var problems = SecretAccessChecks.LeastPrivilege(reread, SecretAccessChecks.Needed(reread, ReadByApps), NeededInAnyOverlay()).ToList();

        Assert.Equal(
            new[]
            {
                "Role notifications-secrets may list Secrets; daprd only gets them by name",
                "RoleBinding gateway-secrets grants ClusterRole gateway-secrets; grant a Role of this namespace",
                "gateway needs Secret redis, which service account gateway may not get",
                "gateway needs Secret shared, which service account gateway may not get",
                "notifications needs Secret smtp, which service account notifications may not get",
                "service account notifications may get Secret users, which notifications never needs",
            }.Order(StringComparer.Ordinal),
            problems.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_readme_creates_every_secret_an_app_reads()
    {
        var created = SecretChecks.DocumentedIn(File.ReadAllText(RepositoryFolder.PathOf("k8s/README.md"))).Select(key => key.Secret).ToHashSet(StringComparer.Ordinal);

        Assert.Subset(created, ReadByApps.Values.SelectMany(secrets => secrets).ToHashSet(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("builder.AddServiceDefaults();", new[] { "shared" })]
    [InlineData("builder.AddServiceDefaults(secrets: [\"users\"]);", new[] { "shared", "users" })]
    public void The_secrets_an_app_reads_come_from_its_composition_root(string program, string[] expected)
    {
        Assert.Equal(expected, AppSecrets.ReadByApp(program));
    }
}
