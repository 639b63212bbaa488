using System.Globalization;
using k8s.Models;
using OneDay.Deployment.Tests.Manifests;
using static OneDay.Deployment.Tests.Manifests.DaprAnnotations;

namespace OneDay.Deployment.Tests.Checks;

/// <summary>Each Deployment's Dapr sidecar: which app it serves, on which port, with which settings and tokens.</summary>
internal static class SidecarChecks
{
    private static readonly (string Annotation, string Value)[] Required =
    [
        (Enabled, "true"),
        (AppProtocol, "http"),
        (EnableApiLogging, "true"),
        (EnableAppHealthCheck, "true"),
        // Dapr.Actors.AspNetCore maps /healthz; the kubelet's probes use /health and /health/ready.
        (AppHealthCheckPath, "/healthz"),
    ];

    /// <summary>One Deployment per app of dapr.yaml, with the same app id and app port, and the app listening there.</summary>
    public static IEnumerable<string> AgainstRunTemplate(RenderedOverlay overlay, IReadOnlyList<RunTemplateApp> apps)
    {
        var deployments = overlay.All<V1Deployment>();
        foreach (var deployment in deployments.Where(d => !apps.Any(app => app.AppId == d.AppId())))
            yield return $"Deployment {deployment.Name()}: app id '{deployment.AppId()}' is not an app of dapr.yaml";

        foreach (var app in apps)
        {
            var serving = deployments.Where(deployment => deployment.AppId() == app.AppId).ToList();
            if (serving.Count != 1)
            {
                yield return $"{app.AppId}: {serving.Count} Deployments have dapr.io/app-id {app.AppId}, not one";
                continue;
            }

            var deployment = serving[0];
            var port = app.AppPort.ToString(CultureInfo.InvariantCulture);
            if (deployment.PodAnnotation(AppPort) != port)
                yield return $"Deployment {deployment.Name()}: dapr.io/app-port is '{deployment.PodAnnotation(AppPort)}', dapr.yaml says {port}";

            if (deployment.AppContainer() is not { } container)
            {
                yield return $"Deployment {deployment.Name()}: has {deployment.Spec.Template.Spec.Containers.Count} containers; the app's must be the only one";
                continue;
            }

            if (container.Ports?.Any(p => p.ContainerPort == app.AppPort) != true)
                yield return $"Deployment {deployment.Name()}: the container exposes no port {port}";
            // The .NET images listen on 8080 unless told otherwise.
            if (container.Env("ASPNETCORE_HTTP_PORTS")?.Value != port)
                yield return $"Deployment {deployment.Name()}: ASPNETCORE_HTTP_PORTS is '{container.Env("ASPNETCORE_HTTP_PORTS")?.Value}', the app port is {port}";
            var image = ContainerImage.Parse(container.Image ?? "");
            if (image.Name != $"oneday/{app.AppId}" || string.IsNullOrEmpty(image.Tag))
                yield return $"Deployment {deployment.Name()}: image '{container.Image}' is not oneday/{app.AppId}:<tag>";
        }
    }

    /// <summary>The sidecar settings every service shares, and only annotations the injector knows.</summary>
    public static IEnumerable<string> Settings(RenderedOverlay overlay)
    {
        var configurations = overlay.DaprResources.Where(resource => resource.Kind == "Configuration").Select(resource => resource.Name).ToList();
        foreach (var deployment in overlay.All<V1Deployment>())
        {
            var name = $"Deployment {deployment.Name()}";
            foreach (var (annotation, value) in Required.Where(required => deployment.PodAnnotation(required.Annotation) != required.Value))
                yield return $"{name}: {annotation} is '{deployment.PodAnnotation(annotation)}', not '{value}'";

            if (!configurations.Contains(deployment.PodAnnotation(ConfigurationName)))
                yield return $"{name}: {ConfigurationName} '{deployment.PodAnnotation(ConfigurationName)}' names no Configuration of the overlay";

            foreach (var annotation in SidecarResources)
            {
                if (!IsQuantity(deployment.PodAnnotation(annotation)))
                    yield return $"{name}: {annotation} is '{deployment.PodAnnotation(annotation)}', not a resource quantity";
            }

            foreach (var unknown in deployment.PodAnnotations().Keys.Where(key => key.StartsWith("dapr.io/", StringComparison.Ordinal) && !Known.Contains(key)))
                yield return $"{name}: {unknown} is not an annotation the Dapr injector reads";
            foreach (var misplaced in (deployment.Metadata.Annotations ?? new Dictionary<string, string>()).Keys.Where(key => key.StartsWith("dapr.io/", StringComparison.Ordinal)))
                yield return $"{name}: {misplaced} is on the Deployment; the injector reads only the pod template's annotations";
        }
    }

    /// <summary>
    /// The injector gives daprd the tokens from the named Secrets; the app must read the same ones, or daprd
    /// refuses the app's calls (DAPR_API_TOKEN) and the app cannot tell daprd's calls from anyone's (APP_API_TOKEN).
    /// Each token is one app's alone: a token leaked from one pod opens no other sidecar or app, and the app's
    /// token is not its sidecar's, so an app cannot pass for its sidecar towards another app.
    /// </summary>
    public static IEnumerable<string> ApiTokens(RenderedOverlay overlay)
    {
        var holders = overlay.All<V1Deployment>()
            .SelectMany(deployment => new[] { ApiTokenSecret, AppTokenSecret }.Select(annotation => (Secret: deployment.PodAnnotation(annotation), Holder: $"{deployment.Name()} ({annotation})")))
            .Where(token => !string.IsNullOrEmpty(token.Secret))
            .GroupBy(token => token.Secret, StringComparer.Ordinal);
        foreach (var shared in holders.Where(holder => holder.Count() > 1))
            yield return $"secret {shared.Key} is the token of {string.Join(", ", shared.Select(token => token.Holder).Order(StringComparer.Ordinal))}; give each its own";

        foreach (var deployment in overlay.All<V1Deployment>())
        {
            var name = $"Deployment {deployment.Name()}";
            foreach (var (annotation, variable) in new[] { (ApiTokenSecret, "DAPR_API_TOKEN"), (AppTokenSecret, "APP_API_TOKEN") })
            {
                var secret = deployment.PodAnnotation(annotation);
                if (string.IsNullOrEmpty(secret))
                {
                    yield return $"{name}: {annotation} is missing";
                    continue;
                }

                var reference = deployment.AppContainer()?.Env(variable)?.ValueFrom?.SecretKeyRef;
                if (reference?.Name != secret || reference.Key != TokenKey)
                    yield return $"{name}: {variable} must come from secret {secret}, key {TokenKey} (as {annotation} gives it to daprd)";
            }
        }
    }

    private static bool IsQuantity(string? text)
    {
        try
        {
            return text is not null && new ResourceQuantity(text).ToDecimal() > 0;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
