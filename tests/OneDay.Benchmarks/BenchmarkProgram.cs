namespace OneDay.Benchmarks;

/// <summary>
/// Runs the scenarios named on the command line (default: all) against real PostgreSQL and Redis
/// (scripts/infra.sh up; ONEDAY_TEST_POSTGRES / ONEDAY_TEST_REDIS) and the emulator. Figures vary with
/// the machine: compare the rows of one run, not runs on different days.
/// </summary>
internal static class BenchmarkProgram
{
    public static async Task<int> Main(string[] args)
    {
        var which = args.Length == 0 ? ["all"] : args;
        bool Wants(string name) => which.Contains(name) || which.Contains("all");
        var jobs = int.Parse(Environment.GetEnvironmentVariable("ONEDAY_BENCH_JOBS") ?? "100000", System.Globalization.CultureInfo.InvariantCulture);

        PointWebApplicationFactoryAtTheServices();
        await using var stack = await SearchStack.StartAsync();
        Console.WriteLine($"# OneDay benchmarks — {DateTimeOffset.UtcNow:u}, {Environment.ProcessorCount} cores");
        await stack.LoadAsync(jobs);
        if (Wants("search")) await Scenarios.SearchAsync(stack, jobs);
        if (Wants("gateway")) await Scenarios.GatewayAsync(stack);
        if (Wants("propagation")) await Scenarios.PropagationAsync(stack);
        return 0;
    }

    /// <summary>
    /// WebApplicationFactory finds a hosted app's content root from attributes a test project gets; this
    /// is a console program, so it names them the documented way (ASPNETCORE_TEST_CONTENTROOT_*).
    /// </summary>
    private static void PointWebApplicationFactoryAtTheServices()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "OneDay.sln"))) root = root.Parent;
        if (root is null) throw new InvalidOperationException("run the benchmarks from a clone of the repository");
        foreach (var service in new[] { "Gateway", "Search" })
        {
            Environment.SetEnvironmentVariable($"ASPNETCORE_TEST_CONTENTROOT_ONEDAY_{service.ToUpperInvariant()}", Path.Combine(root.FullName, "services", service, $"OneDay.{service}"));
        }
    }
}
