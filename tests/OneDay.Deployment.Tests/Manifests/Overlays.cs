using OneDay.Config.Tests;

namespace OneDay.Deployment.Tests.Manifests;

/// <summary>The kustomizations an operator deploys, each rendered once per test run.</summary>
internal static class Overlays
{
    public const string Redis = "redis";
    public const string RabbitMq = "rabbitmq";
    public const string PostgresActors = "postgres-actors";

    private static readonly Dictionary<string, Lazy<RenderedOverlay>> Rendered = new[] { Redis, RabbitMq, PostgresActors }
        .ToDictionary(name => name, name => new Lazy<RenderedOverlay>(() => RenderAfresh(name)));

    public static TheoryData<string> Names => [.. Rendered.Keys];

    public static RenderedOverlay Get(string name) => Rendered[name].Value;

    /// <summary>A rendering of its own, for a test that changes it.</summary>
    public static RenderedOverlay RenderAfresh(string name) => RenderedOverlay.Render(Repository.PathOf($"k8s/overlays/{name}"));
}
