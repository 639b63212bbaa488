using OneDay.Config.Tests.Validation;
using OneDay.Testing;
using YamlDotNet.RepresentationModel;

namespace OneDay.Deployment.Tests;

/// <summary>k8s/observability against the apps it watches: every app and sidecar scraped, every alert with its runbook.</summary>
public sealed class MonitoringTests
{
    private static YamlMappingNode Yaml(string path) => YamlNodes.ParseDocument(File.ReadAllText(RepositoryFolder.PathOf(path)));

    [Fact]
    public void Every_alert_names_a_runbook_that_k8s_readme_explains()
    {
        var readme = File.ReadAllText(RepositoryFolder.PathOf("k8s/README.md"));
        var alerts = Yaml("k8s/observability/rules/alerts.yml").SequenceAt("groups").Cast<YamlMappingNode>()
            .SelectMany(group => group.SequenceAt("rules").Cast<YamlMappingNode>()).ToList();

        Assert.NotEmpty(alerts);
        Assert.All(alerts, alert =>
        {
            var runbook = alert.MappingAt("labels")?.ScalarAt("runbook");
            Assert.False(runbook is null, $"{alert.ScalarAt("alert")} has no runbook label");
            Assert.Contains($"- **{runbook}** (", readme, StringComparison.Ordinal);
            Assert.Matches($@"- \*\*{runbook}\*\* \([^)]*\b{alert.ScalarAt("alert")}\b", readme);
        });
    }

    [Fact]
    public void The_self_hosted_prometheus_scrapes_every_app_and_every_sidecar_on_their_dapr_yaml_ports()
    {
        var apps = Yaml("dapr.yaml").SequenceAt("apps").Cast<YamlMappingNode>().ToList();
        var jobs = Yaml("k8s/observability/local/prometheus.yml").SequenceAt("scrape_configs").Cast<YamlMappingNode>()
            .ToDictionary(job => job.ScalarAt("job_name")!, Targets, StringComparer.Ordinal);

        Assert.Equal(apps.ToDictionary(app => $"127.0.0.1:{app.ScalarAt("appPort")}", app => app.ScalarAt("appID")!), jobs["oneday-apps"]);
        Assert.All(apps, app => Assert.False(app.ScalarAt("metricsPort") is null, $"{app.ScalarAt("appID")} has no metricsPort in dapr.yaml"));
        Assert.Equal(apps.ToDictionary(app => $"127.0.0.1:{app.ScalarAt("metricsPort")}", app => app.ScalarAt("appID")!), jobs["dapr-sidecars"]);
    }

    [Fact]
    public void In_kubernetes_every_app_container_serves_its_metrics_on_the_port_named_http_that_prometheus_keeps()
    {
        var deployments = Directory.GetFiles(RepositoryFolder.PathOf("k8s/base"), "*.yaml")
            .SelectMany(file => YamlNodes.ParseDocuments(File.ReadAllText(file)))
            .Where(document => document.ScalarAt("kind") == "Deployment" && document.MappingAt("metadata")?.ScalarAt("name") != "every-service")
            .ToList();
        var config = File.ReadAllText(RepositoryFolder.PathOf("k8s/observability/prometheus.yml"));

        Assert.NotEmpty(deployments);
        Assert.Contains("regex: app;http", config, StringComparison.Ordinal);
        Assert.Contains("regex: daprd;dapr-metrics", config, StringComparison.Ordinal);
        Assert.All(deployments, deployment =>
        {
            var app = deployment.MappingAt("spec")!.MappingAt("template")!.MappingAt("spec")!.SequenceAt("containers").Cast<YamlMappingNode>()
                .Single(container => container.ScalarAt("name") == "app");
            Assert.Contains("http", app.SequenceAt("ports").Cast<YamlMappingNode>().Select(port => port.ScalarAt("name")));
        });
    }

    private static Dictionary<string, string> Targets(YamlMappingNode job) =>
        job.SequenceAt("static_configs").Cast<YamlMappingNode>()
            .SelectMany(entry => entry.ScalarsAt("targets").Select(target => (target, app: entry.MappingAt("labels")!.ScalarAt("app")!)))
            .ToDictionary(t => t.target, t => t.app, StringComparer.Ordinal);
}
