namespace OneDay.Config.Tests;

internal static class ProblemAssert
{
    /// <summary>Fails listing every problem in full (Assert.Empty would cut each one short).</summary>
    public static void None(IEnumerable<string> problems)
    {
        var found = problems.ToList();
        if (found.Count > 0)
            Assert.Fail($"{found.Count} problem(s):{Environment.NewLine}{string.Join(Environment.NewLine, found)}");
    }
}
