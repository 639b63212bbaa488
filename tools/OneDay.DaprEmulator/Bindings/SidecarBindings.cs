using OneDay.DaprEmulator.Hosting;

namespace OneDay.DaprEmulator.Bindings;

/// <summary>The output bindings API over a sidecar's binding components.</summary>
public static class SidecarBindings
{
    public static async Task<BindingResult> InvokeAsync(Sidecar sidecar, string name, string operation, byte[] data,
        IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        if (!sidecar.Components.Bindings.TryGetValue(name, out var binding)) throw DaprApiException.BindingNotFound(name);
        var invocation = new BindingInvocation(sidecar.AppId, name, operation, data, metadata, sidecar.Cluster.Time.GetUtcNow());
        try
        {
            return await binding.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or UnauthorizedAccessException)
        {
            throw new DaprApiException(500, Grpc.Core.StatusCode.Internal, "ERR_INVOKE_OUTPUT_BINDING", $"error invoking output binding {name}: {ex.Message}");
        }
    }
}
