using k8s.Models;
using OneDay.Config.Tests;
using OneDay.Deployment.Tests.Manifests;

namespace OneDay.Deployment.Tests;

/// <summary>Every rendered object reads into its Kubernetes model with nothing left over and nothing coerced.</summary>
public class ManifestReadingTests
{
    private const string Deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: users
        spec:
          selector:
            matchLabels: {app.kubernetes.io/name: users}
          template:
            metadata:
              labels: {app.kubernetes.io/name: users}
              annotations:
                dapr.io/app-port: "3001"
            spec:
              containers:
                - name: app
                  image: oneday/users:1.0.0
                  ports:
                    - containerPort: 3001
        """;

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void Every_object_is_a_known_kind_with_only_fields_and_types_its_model_accepts(string overlay)
    {
        var rendered = Overlays.Get(overlay);

        ProblemAssert.None(rendered.ReadProblems);
        Assert.Equal(RunTemplate.Apps.Count, rendered.All<V1Deployment>().Count);
        Assert.Equal(rendered.Documents.Count, rendered.Objects.Count + rendered.DaprResources.Count);
    }

    [Fact]
    public void A_valid_deployment_reads_without_problems()
    {
        ProblemAssert.None(RenderedOverlay.FromYaml(Deployment).ReadProblems);
    }

    [Theory]
    [InlineData("- containerPort: 3001", "- containerPort: 3001\n          hostport: 3001", "Property 'hostport' not found")]
    [InlineData("dapr.io/app-port: \"3001\"", "dapr.io/app-port: 3001", "annotations.dapr.io/app-port: must be a string, is the plain scalar 3001")]
    [InlineData("- containerPort: 3001", "- containerPort: \"3001\"", "containerPort: must be an integer, is the string \"3001\"")]
    [InlineData("kind: Deployment", "kind: Deploymnet", "apps/v1 Deploymnet is not a kind these tests know")]
    public void A_field_or_value_the_api_server_would_refuse_is_reported(string original, string replacement, string expected)
    {
        var rendered = RenderedOverlay.FromYaml(Deployment.Replace(original, replacement, StringComparison.Ordinal));

        Assert.Contains(rendered.ReadProblems, problem => problem.Contains(expected, StringComparison.Ordinal));
    }
}
