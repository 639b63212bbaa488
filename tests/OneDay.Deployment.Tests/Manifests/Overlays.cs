using OneDay.Testing;

namespace OneDay.Deployment.Tests.Manifests;

/// <summary>The kustomizations an operator deploys, each rendered once per test run.</summary>
internal static class Overlays
{
    public const string Redis = "redis";
    public const string RabbitMq = "rabbitmq";
    public const string PostgresActors = "postgres-actors";

    // Every folder under k8s/overlays: an overlay added later is checked without being listed here.
    private static readonly Dictionary<string, Lazy<RenderedOverlay>> Rendered = Directory.GetDirectories(RepositoryFolder.PathOf("k8s/overlays"))
        .Select(Path.GetFileName)
        .OfType<string>()
        .Order(StringComparer.Ordinal)
        .ToDictionary(name => name, name => new Lazy<RenderedOverlay>(() => RenderAfresh(name)));

    public static TheoryData<string> Names => [.. Rendered.Keys];

    public static IEnumerable<RenderedOverlay> All => Rendered.Values.Select(overlay => overlay.Value);

    public static RenderedOverlay Get(string name) => Rendered[name].Value;

    /// <summary>A rendering of its own, for a test that changes it.</summary>
    public static RenderedOverlay RenderAfresh(string name) => RenderedOverlay.Render(RepositoryFolder.PathOf($"k8s/overlays/{name}"));
}
