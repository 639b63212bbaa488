using System.Diagnostics;
using OneDay.Config.Tests.Validation;
using YamlDotNet.RepresentationModel;

namespace OneDay.Deployment.Tests.Manifests;

/// <summary>
/// Renders a kustomization with the real kustomize, as an operator's <c>kubectl apply -k</c> would:
/// <c>kubectl kustomize &lt;folder&gt;</c> (kubectl carries kustomize v5).
/// </summary>
internal static class KustomizeBuild
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);

    public static IReadOnlyList<YamlMappingNode> Render(string directory)
    {
        var start = new ProcessStartInfo("kubectl", ["kustomize", directory])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var kubectl = StartKubectl(start);
        var output = kubectl.StandardOutput.ReadToEndAsync();
        var error = kubectl.StandardError.ReadToEndAsync();
        if (!kubectl.WaitForExit(Timeout))
        {
            kubectl.Kill();
            throw new TimeoutException($"kubectl kustomize {directory} did not finish within {Timeout}.");
        }
        return kubectl.ExitCode == 0
            ? YamlNodes.ParseDocuments(output.GetAwaiter().GetResult())
            : throw new InvalidDataException($"kubectl kustomize {directory}: {error.GetAwaiter().GetResult().Trim()}");
    }

    private static Process StartKubectl(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start) ?? throw new InvalidOperationException("kubectl did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("kubectl (which carries kustomize) is needed to render k8s/; install it.", e);
        }
    }
}
