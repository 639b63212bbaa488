using k8s.Models;
using OneDay.Config.Tests;
using OneDay.Config.Tests.Validation;
using OneDay.Deployment.Tests.Checks;
using OneDay.Deployment.Tests.Manifests;

namespace OneDay.Deployment.Tests;

/// <summary>
/// Who may open a connection to whom under k8s/base/network-policies.yaml: only the ingress controller reaches
/// the gateway and the web client; an app's port is reached from no other pod (its sidecar is in its own pod),
/// but for the gateway's hub proxy, the web client's hub connections at the gateway and Prometheus; sidecars reach each other; pods reach out only to what they use.
/// </summary>
public class NetworkPolicyTests
{
    private static readonly NetworkPod IngressController =
        new("the ingress controller", "ingress-nginx", new Dictionary<string, string> { ["app.kubernetes.io/name"] = "ingress-nginx" }, []);

    private static readonly NetworkPod Prometheus =
        new("Prometheus", "monitoring", new Dictionary<string, string> { ["app.kubernetes.io/name"] = "prometheus" }, []);

    private static readonly NetworkPod Stranger =
        new("a pod of another namespace", "elsewhere", new Dictionary<string, string> { ["app"] = "anything" }, [new PodPort(8080), new PodPort(22)]);

    /// <summary>What the pods reach out to, each with the ports they may reach (for smtp: notifications only).</summary>
    private static readonly (NetworkPod Pod, Func<string, PodPort, bool> Reachable)[] Destinations =
    [
        (Pod("kube-dns", "kube-system", "k8s-app", "kube-dns", new PodPort(53, Protocol: "UDP"), new PodPort(53), new PodPort(8080)), (_, port) => port.Number == 53),
        (Pod("the Dapr control plane", "dapr-system", "app", "dapr-sentry", new PodPort(50001), new PodPort(6500), new PodPort(50005), new PodPort(50006), new PodPort(8080)), (_, port) => port.Number != 8080),
        (Pod("zipkin", "oneday", "app", "zipkin", new PodPort(9411)), (_, _) => true),
        (Pod("loki", "monitoring", "app", "loki", new PodPort(3100), new PodPort(9090)), (_, port) => port.Number == 3100),
        (Pod("a server of the operator's", "databases", "app", "servers", new PodPort(5432), new PodPort(6379), new PodPort(5672), new PodPort(443), new PodPort(587), new PodPort(8080)),
            (app, port) => port.Number is 5432 or 6379 or 5672 or 443 || (port.Number == 587 && app == "notifications")),
        (Stranger, (_, _) => false),
    ];

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void Only_the_ingress_reaches_gateway_and_web_no_other_pod_an_app_port_and_only_sidecars_a_sidecar(string overlay)
    {
        ProblemAssert.None(WaysIn(Overlays.Get(overlay)));
    }

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void Pods_reach_out_only_to_dns_the_dapr_control_plane_telemetry_and_their_servers(string overlay)
    {
        var rendered = Overlays.Get(overlay);
        var policies = rendered.All<V1NetworkPolicy>();

        ProblemAssert.None(
            from app in NetworkPolicyChecks.AppPods(rendered)
            from destination in Destinations
            from port in destination.Pod.Ports
            let expected = destination.Reachable(app.Name, port)
            where NetworkPolicyChecks.LetsOut(policies, app, destination.Pod, port) != expected
            select $"{app} → {destination.Pod} {port}: {(expected ? "refused" : "allowed")}");
    }

    [Fact]
    public void A_policy_that_opens_app_ports_to_the_namespace_is_reported()
    {
        var rendered = Overlays.RenderAfresh(Overlays.Redis);
        var opened = RenderedOverlay.FromYaml(string.Join("\n---\n", rendered.Documents.Select(YamlText.Of).Append("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: everyone-to-users
              namespace: oneday
            spec:
              podSelector:
                matchLabels: {app.kubernetes.io/name: users}
              ingress:
                - from:
                    - podSelector: {}
            """)));

        var problems = WaysIn(opened).ToList();

        Assert.Contains("payments → users http (3001): allowed", problems);
        Assert.Contains("gateway → users dapr-http (3500): allowed", problems);
        Assert.DoesNotContain(problems, problem => problem.StartsWith("Prometheus", StringComparison.Ordinal));
    }

    private static IEnumerable<string> WaysIn(RenderedOverlay overlay)
    {
        var policies = overlay.All<V1NetworkPolicy>();
        var apps = NetworkPolicyChecks.AppPods(overlay);
        return
            from to in apps
            from source in apps.Concat([IngressController, Prometheus, Stranger])
            from port in to.Ports
            let expected = MayReach(source, to, port)
            where NetworkPolicyChecks.LetsIn(policies, source, to, port) != expected
            select $"{source} → {to} {port}: {(expected ? "refused" : "allowed")}";
    }

    private static bool MayReach(NetworkPod from, NetworkPod to, PodPort port) => port.Name switch
    {
        "http" => (from == IngressController && to.Name is NetworkChecks.Gateway or NetworkChecks.Web)
                  || (from.Namespace == NetworkPolicyChecks.Namespace && from.Name == NetworkChecks.Gateway && NetworkChecks.HubApps.Contains(to.Name))
                  || (from.Namespace == NetworkPolicyChecks.Namespace && from.Name == NetworkChecks.Web && to.Name == NetworkChecks.Gateway)
                  || from == Prometheus,
        "dapr-internal" => from.Namespace == NetworkPolicyChecks.Namespace,
        "dapr-metrics" => from == Prometheus,
        // dapr-http and dapr-grpc serve only the app beside them, over localhost.
        _ => false,
    };

    private static NetworkPod Pod(string name, string @namespace, string label, string value, params PodPort[] ports) =>
        new(name, @namespace, new Dictionary<string, string> { [label] = value }, ports);
}
