using OneDay.DaprEmulator.Cli;

namespace OneDay.DaprEmulator;

/// <summary>The emulator's entry point (a named class, so it does not collide with services' Program).</summary>
internal static class EmulatorProgram
{
    public static Task<int> Main(string[] args) => EmulatorCommandLine.RunAsync(args);
}
