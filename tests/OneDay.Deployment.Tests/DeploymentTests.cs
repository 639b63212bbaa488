using k8s.Models;
using OneDay.Config.Tests;
using OneDay.Deployment.Tests.Checks;
using OneDay.Deployment.Tests.Manifests;

namespace OneDay.Deployment.Tests;

/// <summary>The seven Deployments: Dapr sidecar, probes, security, resources, scaling, Services and the Ingress.</summary>
public class DeploymentTests
{
    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void Each_app_of_dapr_yaml_runs_in_one_deployment_with_its_app_id_and_port(string overlay)
    {
        ProblemAssert.None(SidecarChecks.AgainstRunTemplate(Overlays.Get(overlay), RunTemplate.Apps));
    }

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void Every_sidecar_has_the_shared_settings_and_only_annotations_the_injector_reads(string overlay)
    {
        ProblemAssert.None(SidecarChecks.Settings(Overlays.Get(overlay)));
    }

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void Each_app_reads_the_api_tokens_its_sidecar_is_given(string overlay)
    {
        ProblemAssert.None(SidecarChecks.ApiTokens(Overlays.Get(overlay)));
    }

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void Probes_ask_the_app_for_health_and_readiness_on_its_port(string overlay)
    {
        ProblemAssert.None(PodChecks.Probes(Overlays.Get(overlay)));
    }

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void Apps_run_non_root_on_a_read_only_root_without_capabilities(string overlay)
    {
        ProblemAssert.None(PodChecks.SecurityContexts(Overlays.Get(overlay)));
    }

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void Apps_request_and_limit_cpu_and_memory(string overlay)
    {
        ProblemAssert.None(PodChecks.Resources(Overlays.Get(overlay)));
    }

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void Each_deployment_has_its_own_autoscaler_and_a_disruption_budget_that_lets_drains_proceed(string overlay)
    {
        var rendered = Overlays.Get(overlay);

        ProblemAssert.None(ScalingChecks.Autoscalers(rendered).Concat(ScalingChecks.DisruptionBudgets(rendered)));
    }

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void Each_app_has_a_service_and_the_ingress_leads_to_the_gateway_with_sticky_hubs(string overlay)
    {
        var rendered = Overlays.Get(overlay);

        ProblemAssert.None(NetworkChecks.Services(rendered).Concat(NetworkChecks.Ingress(rendered)).Concat(NetworkChecks.HubBackends(rendered)));
    }

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void Everything_is_in_the_oneday_namespace(string overlay)
    {
        ProblemAssert.None(NamespaceChecks.AllIn(Overlays.Get(overlay), DaprConfigurationChecks.Namespace));
    }

    [Fact]
    public void An_app_port_that_disagrees_with_dapr_yaml_is_reported()
    {
        var overlay = Overlays.RenderAfresh(Overlays.Redis);
        Deployment(overlay, "jobs").Spec.Template.Metadata.Annotations[DaprAnnotations.AppPort] = "3999";

        var problem = Assert.Single(SidecarChecks.AgainstRunTemplate(overlay, RunTemplate.Apps));

        Assert.Contains("dapr.io/app-port is '3999', dapr.yaml says 3002", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_dapr_annotation_is_reported()
    {
        var overlay = Overlays.RenderAfresh(Overlays.Redis);
        var annotations = Deployment(overlay, "users").Spec.Template.Metadata.Annotations;
        annotations.Remove(DaprAnnotations.AppHealthCheckPath);
        annotations["dapr.io/app-healthcheck-path"] = "/healthz";

        var problems = SidecarChecks.Settings(overlay).ToList();

        Assert.Contains(problems, problem => problem.Contains("dapr.io/app-health-check-path is ''", StringComparison.Ordinal));
        Assert.Contains(problems, problem => problem.Contains("dapr.io/app-healthcheck-path is not an annotation the Dapr injector reads", StringComparison.Ordinal));
    }

    [Fact]
    public void An_app_token_read_from_another_secret_than_its_sidecar_is_reported()
    {
        var overlay = Overlays.RenderAfresh(Overlays.Redis);
        Deployment(overlay, "payments").AppContainer()!.Env("APP_API_TOKEN")!.ValueFrom.SecretKeyRef.Name = "payments-token";

        var problem = Assert.Single(SidecarChecks.ApiTokens(overlay));

        Assert.Contains("APP_API_TOKEN must come from secret payments-app-api-token", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_token_secret_two_sidecars_or_a_sidecar_and_its_app_share_is_reported()
    {
        var overlay = Overlays.RenderAfresh(Overlays.Redis);
        Deployment(overlay, "search").Spec.Template.Metadata.Annotations[DaprAnnotations.ApiTokenSecret] = "users-dapr-api-token";
        Deployment(overlay, "jobs").Spec.Template.Metadata.Annotations[DaprAnnotations.AppTokenSecret] = "jobs-dapr-api-token";

        var problems = SidecarChecks.ApiTokens(overlay).Where(problem => problem.StartsWith("secret ", StringComparison.Ordinal));

        Assert.Equal(
            [
                "secret jobs-dapr-api-token is the token of jobs (dapr.io/api-token-secret), jobs (dapr.io/app-token-secret); give each its own",
                "secret users-dapr-api-token is the token of search (dapr.io/api-token-secret), users (dapr.io/api-token-secret); give each its own",
            ],
            problems.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_readiness_probe_on_the_liveness_endpoint_is_reported()
    {
        var overlay = Overlays.RenderAfresh(Overlays.Redis);
        Deployment(overlay, "search").AppContainer()!.ReadinessProbe.HttpGet.Path = "/health";

        var problem = Assert.Single(PodChecks.Probes(overlay));

        Assert.Contains("readinessProbe asks for /health, not /health/ready", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_writable_root_filesystem_and_an_added_capability_are_reported()
    {
        var overlay = Overlays.RenderAfresh(Overlays.Redis);
        var context = Deployment(overlay, "chat").AppContainer()!.SecurityContext;
        context.ReadOnlyRootFilesystem = false;
        context.Capabilities.Add = ["NET_ADMIN"];

        var problems = PodChecks.SecurityContexts(overlay).ToList();

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, problem => problem.Contains("readOnlyRootFilesystem is not true", StringComparison.Ordinal));
        Assert.Contains(problems, problem => problem.Contains("capabilities add NET_ADMIN", StringComparison.Ordinal));
    }

    [Fact]
    public void A_disruption_budget_that_blocks_drains_and_an_autoscaler_of_nothing_are_reported()
    {
        var overlay = Overlays.RenderAfresh(Overlays.Redis);
        var budget = overlay.All<V1PodDisruptionBudget>().Single(b => b.Name() == "jobs");
        budget.Spec.MaxUnavailable = null;
        budget.Spec.MinAvailable = 2;
        overlay.All<V2HorizontalPodAutoscaler>().Single(a => a.Name() == "users").Spec.ScaleTargetRef.Name = "user";

        var problems = ScalingChecks.Autoscalers(overlay).Concat(ScalingChecks.DisruptionBudgets(overlay)).ToList();

        Assert.Contains(problems, problem => problem.Contains("PodDisruptionBudget jobs allows no eviction at 2 replicas", StringComparison.Ordinal));
        Assert.Contains(problems, problem => problem.Contains("scales apps/v1 Deployment user, which is not a Deployment here", StringComparison.Ordinal));
        Assert.Contains(problems, problem => problem.Contains("Deployment users: 0 HorizontalPodAutoscalers scale it", StringComparison.Ordinal));
    }

    [Fact]
    public void A_hub_route_without_cookie_affinity_is_reported()
    {
        var overlay = Overlays.RenderAfresh(Overlays.Redis);
        overlay.All<V1Ingress>().Single(i => i.Name() == "gateway-hubs").Metadata.Annotations.Remove("nginx.ingress.kubernetes.io/affinity");

        var problems = NetworkChecks.Ingress(overlay).ToList();

        Assert.Equal(NetworkChecks.HubPaths.Select(hub => $"{hub}: Ingress gateway-hubs has no cookie affinity"), problems);
    }

    [Fact]
    public void A_hub_service_without_affinity_or_a_gateway_that_does_not_know_it_is_reported()
    {
        var overlay = Overlays.RenderAfresh(Overlays.Redis);
        overlay.All<V1Service>().Single(s => s.Name() == "chat").Spec.SessionAffinity = "None";
        Deployment(overlay, "gateway").AppContainer()!.Env.Remove(Deployment(overlay, "gateway").AppContainer()!.Env.Single(e => e.Name == "Gateway__Hubs__notifications__Address"));

        var problems = NetworkChecks.HubBackends(overlay).ToList();

        Assert.Equal(
            [
                "Deployment gateway: Gateway__Hubs__notifications__Address is not set to the notifications Service's address",
                "Service chat: no ClientIP session affinity, so a hub connection may miss the pod that negotiated it",
            ],
            problems);
    }

    private static V1Deployment Deployment(RenderedOverlay overlay, string appId) =>
        overlay.All<V1Deployment>().Single(deployment => deployment.AppId() == appId);
}
