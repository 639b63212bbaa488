using k8s.Models;
using OneDay.Deployment.Tests.Manifests;

namespace OneDay.Deployment.Tests.Checks;

/// <summary>What the kubelet does with each app container: probes, security context, resources.</summary>
internal static class PodChecks
{
    public const string LivenessPath = "/health";
    public const string ReadinessPath = "/health/ready";

    /// <summary>Every probe is an HTTP GET of the app's health endpoints on the app's own port.</summary>
    public static IEnumerable<string> Probes(RenderedOverlay overlay)
    {
        foreach (var (name, container) in AppContainers(overlay))
        {
            var probes = new[] { ("startupProbe", container.StartupProbe, LivenessPath), ("livenessProbe", container.LivenessProbe, LivenessPath), ("readinessProbe", container.ReadinessProbe, ReadinessPath) };
            foreach (var (kind, probe, path) in probes)
            {
                if (probe?.HttpGet is not { } get)
                    yield return $"{name}: {kind} is not an HTTP GET";
                else if (get.Path != path)
                    yield return $"{name}: {kind} asks for {get.Path}, not {path}";
                else if (!container.HasPort(get.Port))
                    yield return $"{name}: {kind} port '{get.Port}' is not a port of the container";
            }
        }
    }

    /// <summary>Non-root, no privilege escalation, no capabilities, read-only root with a writable /tmp, default seccomp.</summary>
    public static IEnumerable<string> SecurityContexts(RenderedOverlay overlay)
    {
        foreach (var deployment in overlay.All<V1Deployment>())
        {
            var name = $"Deployment {deployment.Name()}";
            var pod = deployment.Spec.Template.Spec;
            if (pod.SecurityContext?.RunAsNonRoot != true)
                yield return $"{name}: the pod's securityContext.runAsNonRoot is not true (it covers the sidecar too)";
            if (pod.SecurityContext?.SeccompProfile?.Type != "RuntimeDefault")
                yield return $"{name}: the pod's seccompProfile is not RuntimeDefault";
            if (deployment.AppContainer() is not { } container)
                continue;

            var context = container.SecurityContext;
            if (context?.AllowPrivilegeEscalation != false)
                yield return $"{name}: allowPrivilegeEscalation is not false";
            if (context?.ReadOnlyRootFilesystem != true)
                yield return $"{name}: readOnlyRootFilesystem is not true";
            if (context?.Capabilities?.Drop?.Contains("ALL") != true)
                yield return $"{name}: capabilities do not drop ALL";
            if (context?.Capabilities?.Add is { Count: > 0 } added)
                yield return $"{name}: capabilities add {string.Join(", ", added)}";
            if (context?.RunAsUser is 0 || context?.Privileged == true)
                yield return $"{name}: the container runs as root or privileged";

            var tmp = container.VolumeMounts?.FirstOrDefault(mount => mount.MountPath == "/tmp");
            if (tmp is null || pod.Volumes?.FirstOrDefault(volume => volume.Name == tmp.Name)?.EmptyDir is null || tmp.ReadOnlyProperty == true)
                yield return $"{name}: /tmp is not a writable emptyDir (the root filesystem is read-only)";
        }
    }

    public static IEnumerable<string> Resources(RenderedOverlay overlay)
    {
        foreach (var (name, container) in AppContainers(overlay))
        {
            foreach (var resource in new[] { "cpu", "memory" })
            {
                var request = container.Resources?.Requests?.TryGetValue(resource, out var r) == true ? r : null;
                var limit = container.Resources?.Limits?.TryGetValue(resource, out var l) == true ? l : null;
                if (request is null || limit is null)
                    yield return $"{name}: {resource} needs a request and a limit";
                else if (request.ToDecimal() > limit.ToDecimal())
                    yield return $"{name}: the {resource} request {request} is above its limit {limit}";
            }
        }
    }

    private static IEnumerable<(string Name, V1Container Container)> AppContainers(RenderedOverlay overlay) =>
        overlay.All<V1Deployment>()
            .Where(deployment => deployment.AppContainer() is not null)
            .Select(deployment => ($"Deployment {deployment.Name()}", deployment.AppContainer()!));
}
