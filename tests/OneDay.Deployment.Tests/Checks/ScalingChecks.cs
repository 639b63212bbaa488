using k8s.Models;
using OneDay.Deployment.Tests.Manifests;

namespace OneDay.Deployment.Tests.Checks;

/// <summary>Every Deployment scales with its own HorizontalPodAutoscaler and is protected by its own PodDisruptionBudget.</summary>
internal static class ScalingChecks
{
    public static IEnumerable<string> Autoscalers(RenderedOverlay overlay)
    {
        var deployments = overlay.All<V1Deployment>();
        var autoscalers = overlay.All<V2HorizontalPodAutoscaler>();
        foreach (var autoscaler in autoscalers)
        {
            var target = autoscaler.Spec.ScaleTargetRef;
            if (target.ApiVersion != "apps/v1" || target.Kind != "Deployment" || !deployments.Any(d => d.Name() == target.Name))
                yield return $"HorizontalPodAutoscaler {autoscaler.Name()}: scales {target.ApiVersion} {target.Kind} {target.Name}, which is not a Deployment here";
            if (autoscaler.Spec.MinReplicas is not >= 2 || autoscaler.Spec.MaxReplicas < autoscaler.Spec.MinReplicas)
                yield return $"HorizontalPodAutoscaler {autoscaler.Name()}: replicas {autoscaler.Spec.MinReplicas}..{autoscaler.Spec.MaxReplicas} (a service keeps two pods at least)";
            foreach (var metric in autoscaler.Spec.Metrics?.Where(m => m.ContainerResource is { } resource && resource.Container != "app") ?? [])
                yield return $"HorizontalPodAutoscaler {autoscaler.Name()}: a metric reads container '{metric.ContainerResource.Container}', not the app's";
        }

        foreach (var deployment in deployments)
        {
            var count = autoscalers.Count(a => a.Spec.ScaleTargetRef.Kind == "Deployment" && a.Spec.ScaleTargetRef.Name == deployment.Name());
            if (count != 1)
                yield return $"Deployment {deployment.Name()}: {count} HorizontalPodAutoscalers scale it, not one";
            // Each `kubectl apply` would reset the autoscaler's choice.
            if (deployment.Spec.Replicas is not null)
                yield return $"Deployment {deployment.Name()}: sets replicas, which its autoscaler owns";
        }
    }

    public static IEnumerable<string> DisruptionBudgets(RenderedOverlay overlay)
    {
        var budgets = overlay.All<V1PodDisruptionBudget>();
        var autoscalers = overlay.All<V2HorizontalPodAutoscaler>();
        foreach (var deployment in overlay.All<V1Deployment>())
        {
            var name = $"Deployment {deployment.Name()}";
            var covering = budgets.Where(budget => budget.Spec.Selector?.MatchLabels.Selects(deployment.PodLabels()) == true).ToList();
            if (covering.Count != 1)
            {
                yield return $"{name}: {covering.Count} PodDisruptionBudgets select its pods, not one";
                continue;
            }

            // At the autoscaler's minimum a node drain must still be able to evict one pod.
            var budget = covering[0];
            var minReplicas = autoscalers.FirstOrDefault(a => a.Spec.ScaleTargetRef.Name == deployment.Name())?.Spec.MinReplicas ?? 1;
            var allowsEviction = budget.Spec.MaxUnavailable?.Value is { } maxUnavailable
                ? maxUnavailable != "0" && maxUnavailable != "0%"
                : int.TryParse(budget.Spec.MinAvailable?.Value, System.Globalization.CultureInfo.InvariantCulture, out var minAvailable) && minAvailable < minReplicas;
            if (!allowsEviction)
                yield return $"{name}: PodDisruptionBudget {budget.Name()} allows no eviction at {minReplicas} replicas, so node drains would hang";
        }

        foreach (var budget in budgets.Where(b => b.Spec.Selector?.MatchLabels is null || b.Spec.Selector.MatchExpressions is { Count: > 0 }))
            yield return $"PodDisruptionBudget {budget.Name()}: select by matchLabels only";
    }
}
