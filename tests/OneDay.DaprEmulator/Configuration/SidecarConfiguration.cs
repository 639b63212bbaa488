namespace OneDay.DaprEmulator.Configuration;

/// <summary>
/// The parts of a `kind: Configuration` (dapr pkg/config/configuration.go) the emulator acts on:
/// tracing and service-invocation access control.
/// </summary>
public sealed record SidecarConfiguration(string Name, double SamplingRate, string? ZipkinEndpoint, AccessControlList? AccessControl)
{
    public static SidecarConfiguration Default { get; } = new("default", 0, null, null);
}
