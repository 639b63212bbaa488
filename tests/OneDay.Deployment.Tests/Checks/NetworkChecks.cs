using k8s.Models;
using OneDay.Deployment.Tests.Manifests;

namespace OneDay.Deployment.Tests.Checks;

/// <summary>Services in front of the apps, and the Ingress in front of the gateway.</summary>
internal static class NetworkChecks
{
    public const string Gateway = "gateway";

    /// <summary>The web client: a person's session and live page live in one pod, so its Ingress pins them there.</summary>
    public const string Web = "web";

    /// <summary>README, Architecture: the notification and chat hubs, reached through the gateway.</summary>
    public static readonly string[] HubPaths = ["/hubs/notifications", "/chat/socket"];

    private static readonly string[] HubAnnotations =
    [
        "nginx.ingress.kubernetes.io/proxy-read-timeout",
        "nginx.ingress.kubernetes.io/proxy-send-timeout",
        "nginx.ingress.kubernetes.io/session-cookie-name",
    ];

    /// <summary>Each app has a Service of its own name that selects only its pods and reaches the app port.</summary>
    public static IEnumerable<string> Services(RenderedOverlay overlay)
    {
        var deployments = overlay.All<V1Deployment>();
        foreach (var deployment in deployments)
        {
            var service = overlay.All<V1Service>().FirstOrDefault(s => s.Name() == deployment.AppId());
            var name = $"Service {deployment.AppId()}";
            if (service is null)
            {
                yield return $"{name}: missing for Deployment {deployment.Name()}";
                continue;
            }

            var selected = deployments.Where(d => service.Spec.Selector.Selects(d.PodLabels())).ToList();
            if (selected.Count != 1 || selected[0] != deployment)
                yield return $"{name}: selects the pods of {string.Join(", ", selected.Select(d => d.Name()))}, not only {deployment.Name()}'s";

            var container = deployment.AppContainer();
            foreach (var port in service.Spec.Ports ?? [])
            {
                if (container?.HasPort(port.TargetPort) != true)
                    yield return $"{name}: port {port.Name} targets '{port.TargetPort}', which is not a port of the app container";
            }
        }
    }

    /// <summary>
    /// Every Ingress path leads to the gateway's Service (the API) or the web client's (the pages, by cookie
    /// affinity to one pod) by a port that Service has; the hubs' paths keep WebSockets open and clients on
    /// one gateway pod.
    /// </summary>
    public static IEnumerable<string> Ingress(RenderedOverlay overlay)
    {
        var ingresses = overlay.All<V1Ingress>();
        var services = overlay.All<V1Service>();
        foreach (var ingress in ingresses)
        {
            foreach (var path in ingress.Spec.Rules?.SelectMany(rule => rule.Http?.Paths ?? []) ?? [])
            {
                var backend = path.Backend.Service;
                var where = $"Ingress {ingress.Name()} {path.Path}";
                if (backend?.Name is not (Gateway or Web))
                    yield return $"{where}: leads to '{backend?.Name}', not the gateway or the web client";
                else if (services.FirstOrDefault(s => s.Name() == backend.Name)?.Spec.Ports?.Any(p => p.Name == backend.Port?.Name || p.Port == backend.Port?.Number) != true)
                    yield return $"{where}: the {backend.Name} Service has no port '{backend.Port?.Name ?? backend.Port?.Number?.ToString(System.Globalization.CultureInfo.InvariantCulture)}'";
                else if (backend.Name == Web && (ingress.Metadata.Annotations is not { } annotations || !annotations.TryGetValue("nginx.ingress.kubernetes.io/affinity", out var affinity) || affinity != "cookie"))
                    yield return $"{where}: the web client without cookie affinity, so a person's session may land on a pod that does not hold it";
            }
        }

        foreach (var hub in HubPaths)
        {
            var routes = ingresses.Where(i => i.Spec.Rules?.Any(rule => rule.Http?.Paths?.Any(path => path.Path == hub && path.PathType == "Prefix") == true) == true).ToList();
            if (routes.Count != 1)
            {
                yield return $"{hub}: {routes.Count} Ingresses route it, not one";
                continue;
            }

            var annotations = routes[0].Metadata.Annotations ?? new Dictionary<string, string>();
            if (!annotations.TryGetValue("nginx.ingress.kubernetes.io/affinity", out var affinity) || affinity != "cookie")
                yield return $"{hub}: Ingress {routes[0].Name()} has no cookie affinity";
            foreach (var missing in HubAnnotations.Where(key => !annotations.ContainsKey(key)))
                yield return $"{hub}: Ingress {routes[0].Name()} lacks {missing}";
        }
    }

    /// <summary>The apps whose hubs the gateway proxies straight to them (Gateway:Hubs:{app id}:Address).</summary>
    public static readonly string[] HubApps = ["notifications", "chat"];

    /// <summary>
    /// The gateway is told where each hub's Service is, by a port that Service has; and that Service keeps
    /// each gateway pod on one hub pod, so a SignalR negotiate and the connection after it meet one server.
    /// </summary>
    public static IEnumerable<string> HubBackends(RenderedOverlay overlay)
    {
        var gateway = overlay.All<V1Deployment>().FirstOrDefault(d => d.AppId() == Gateway);
        var env = gateway?.AppContainer()?.Env ?? [];
        foreach (var app in HubApps)
        {
            var variable = $"Gateway__Hubs__{app}__Address";
            if (env.FirstOrDefault(e => e.Name == variable)?.Value is not { } address || !Uri.TryCreate(address, UriKind.Absolute, out var uri))
            {
                yield return $"Deployment gateway: {variable} is not set to the {app} Service's address";
                continue;
            }
            var service = overlay.All<V1Service>().FirstOrDefault(s => s.Name() == uri.Host);
            if (service is null || service.Spec.Ports?.Any(p => p.Port == uri.Port) != true)
                yield return $"Deployment gateway: {variable} is {address}, which no Service port answers";
            else if (service.Spec.SessionAffinity != "ClientIP")
                yield return $"Service {service.Name()}: no ClientIP session affinity, so a hub connection may miss the pod that negotiated it";
        }
    }
}
