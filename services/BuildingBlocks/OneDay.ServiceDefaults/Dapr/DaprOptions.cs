namespace OneDay.ServiceDefaults.Dapr;

/// <summary>How the service uses its sidecar (section "Dapr").</summary>
public sealed class DaprOptions
{
    public const string Section = "Dapr";

    /// <summary>The secret store whose secrets become configuration; empty skips it (e.g. design-time tools).</summary>
    public string SecretStore { get; set; } = "secretstore";

    /// <summary>How long start-up waits for the sidecar before giving up.</summary>
    public int SidecarWaitSeconds { get; set; } = 60;
}
