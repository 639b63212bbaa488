using System.Globalization;
using k8s.Models;
using OneDay.Deployment.Tests.Manifests;

namespace OneDay.Deployment.Tests.Checks;

/// <summary>A port a pod listens on: its number and, when the pod spec names it, its name.</summary>
internal sealed record PodPort(int Number, string? Name = null, string Protocol = "TCP")
{
    public override string ToString() => Name is null ? $"{Number}/{Protocol}" : $"{Name} ({Number})";
}

/// <summary>A pod as NetworkPolicies see it: its namespace, its labels and its ports.</summary>
internal sealed record NetworkPod(string Name, string Namespace, IDictionary<string, string> Labels, IReadOnlyList<PodPort> Ports)
{
    public override string ToString() => Name;
}

/// <summary>
/// Whether the NetworkPolicies let one pod open a connection to a port of another, as Kubernetes decides it: a
/// pod that some policy of its namespace selects for a direction is isolated in that direction, and then only
/// what a rule of those policies allows gets through; a connection needs the sender's egress and the receiver's
/// ingress (kubernetes.io/docs/concepts/services-networking/network-policies). Each side is judged on its own,
/// so neither hides a hole in the other.
/// </summary>
internal static class NetworkPolicyChecks
{
    public const string Namespace = "oneday";

    /// <summary>The label every namespace carries with its name, which namespace selectors match.</summary>
    private const string NamespaceName = "kubernetes.io/metadata.name";

    /// <summary>Whether the receiver's policies let the connection in, whatever the sender's let out.</summary>
    public static bool LetsIn(IReadOnlyList<V1NetworkPolicy> policies, NetworkPod from, NetworkPod to, PodPort port) =>
        Admits(policies, to, "Ingress", policy => policy.Spec.Ingress?.Select(rule => ((IList<V1NetworkPolicyPeer>?)rule.FromProperty, (IList<V1NetworkPolicyPort>?)rule.Ports)), from, port);

    /// <summary>Whether the sender's policies let the connection out, whatever the receiver's let in.</summary>
    public static bool LetsOut(IReadOnlyList<V1NetworkPolicy> policies, NetworkPod from, NetworkPod to, PodPort port) =>
        Admits(policies, from, "Egress", policy => policy.Spec.Egress?.Select(rule => ((IList<V1NetworkPolicyPeer>?)rule.To, (IList<V1NetworkPolicyPort>?)rule.Ports)), to, port);

    /// <summary>The pods of the Deployments, each with its app's port `http` and the ports the Dapr injector adds.</summary>
    public static IReadOnlyList<NetworkPod> AppPods(RenderedOverlay overlay) =>
    [
        .. overlay.All<V1Deployment>().Select(deployment => new NetworkPod(deployment.AppId(), Namespace, deployment.PodLabels(),
        [
            .. deployment.AppContainer()?.Ports?.Select(port => new PodPort(port.ContainerPort, port.Name)) ?? [],
            .. SidecarPorts,
        ])),
    ];

    /// <summary>daprd's ports as the injector names them (dapr pkg/injector/patcher/sidecar_container.go).</summary>
    public static readonly PodPort[] SidecarPorts =
    [
        new(3500, "dapr-http"), new(50001, "dapr-grpc"), new(50002, "dapr-internal"), new(9090, "dapr-metrics"),
    ];

    private static bool Admits(
        IReadOnlyList<V1NetworkPolicy> policies, NetworkPod pod, string direction,
        Func<V1NetworkPolicy, IEnumerable<(IList<V1NetworkPolicyPeer>? Peers, IList<V1NetworkPolicyPort>? Ports)>?> rulesOf,
        NetworkPod peer, PodPort port)
    {
        var isolating = policies
            .Where(policy => (policy.Namespace() ?? Namespace) == pod.Namespace && Matches(policy.Spec.PodSelector, pod.Labels))
            .Where(policy => PolicyTypes(policy).Contains(direction))
            .ToList();
        return isolating.Count == 0 || isolating.Any(policy => (rulesOf(policy) ?? []).Any(rule =>
            (rule.Peers is not { Count: > 0 } || rule.Peers.Any(candidate => PeerMatches(candidate, policy.Namespace() ?? Namespace, peer)))
            && (rule.Ports is not { Count: > 0 } || rule.Ports.Any(allowed => PortMatches(allowed, port)))));
    }

    /// <summary>policyTypes as Kubernetes defaults it: Ingress always, Egress when the policy has egress rules.</summary>
    private static IReadOnlyList<string> PolicyTypes(V1NetworkPolicy policy) =>
        policy.Spec.PolicyTypes is { Count: > 0 } types ? [.. types] : policy.Spec.Egress is { Count: > 0 } ? ["Ingress", "Egress"] : ["Ingress"];

    private static bool PeerMatches(V1NetworkPolicyPeer peer, string policyNamespace, NetworkPod pod)
    {
        // An address block cannot be judged against a pod without its address: count it as reaching every pod,
        // so a block never hides a way in.
        if (peer.IpBlock is not null) return true;
        var namespaceMatches = peer.NamespaceSelector is { } namespaces
            ? Matches(namespaces, new Dictionary<string, string> { [NamespaceName] = pod.Namespace })
            : pod.Namespace == policyNamespace;
        return namespaceMatches && (peer.PodSelector is null || Matches(peer.PodSelector, pod.Labels));
    }

    private static bool PortMatches(V1NetworkPolicyPort allowed, PodPort port)
    {
        if ((allowed.Protocol ?? "TCP") != port.Protocol) return false;
        var value = allowed.Port?.Value;
        if (value is null) return true;
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)) return value == port.Name;
        return port.Number >= number && port.Number <= (allowed.EndPort ?? number);
    }

    private static bool Matches(V1LabelSelector? selector, IDictionary<string, string> labels) =>
        selector is not null
        && (selector.MatchLabels ?? new Dictionary<string, string>()).All(pair => labels.TryGetValue(pair.Key, out var value) && value == pair.Value)
        && (selector.MatchExpressions ?? []).All(requirement => requirement.OperatorProperty switch
        {
            "In" => labels.TryGetValue(requirement.Key, out var value) && requirement.Values.Contains(value),
            "NotIn" => !labels.TryGetValue(requirement.Key, out var value) || !requirement.Values.Contains(value),
            "Exists" => labels.ContainsKey(requirement.Key),
            "DoesNotExist" => !labels.ContainsKey(requirement.Key),
            _ => throw new NotSupportedException($"label selector operator {requirement.OperatorProperty}"),
        });
}
