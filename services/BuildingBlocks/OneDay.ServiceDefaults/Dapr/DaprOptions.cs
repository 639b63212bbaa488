using System.ComponentModel.DataAnnotations;
using OneDay.Contracts;

namespace OneDay.ServiceDefaults.Dapr;

/// <summary>How the service uses its sidecar (section "Dapr").</summary>
public sealed class DaprOptions
{
    public const string Section = "Dapr";

    /// <summary>The secret store whose secrets become configuration; empty skips it (e.g. design-time tools).</summary>
    [DaprComponentName(ErrorMessage = "Dapr:SecretStore must be a Dapr component name (letters, digits, '-', '.'), or empty to read no secrets")]
    public string SecretStore { get; set; } = "secretstore";

    /// <summary>How long start-up waits for the sidecar before giving up.</summary>
    [Range(1, 600, ErrorMessage = "Dapr:SidecarWaitSeconds must be between 1 and 600")]
    public int SidecarWaitSeconds { get; set; } = 60;
}
