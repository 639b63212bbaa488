using OneDay.Config.Tests;
using OneDay.Config.Tests.Validation;
using OneDay.Deployment.Tests.Checks;
using OneDay.Deployment.Tests.Manifests;
using OneDay.Testing;

namespace OneDay.Deployment.Tests;

/// <summary>What an operator chooses between, and what they must provide.</summary>
public class OverlayTests
{
    [Fact]
    public void The_broker_overlays_differ_only_in_the_pubsub_component()
    {
        var differences = OverlayDifference.Between(Overlays.Get(Overlays.Redis), Overlays.Get(Overlays.RabbitMq));

        Assert.Equal(["Component pubsub"], differences);
    }

    [Fact]
    public void The_postgres_actors_overlay_differs_from_redis_only_in_the_statestore()
    {
        var differences = OverlayDifference.Between(Overlays.Get(Overlays.Redis), Overlays.Get(Overlays.PostgresActors));

        Assert.Equal(["Component statestore"], differences);
    }

    [Fact]
    public void A_changed_object_makes_overlays_differ()
    {
        var changed = Overlays.RenderAfresh(Overlays.Redis);
        var gateway = changed.Documents.Single(document => document.ScalarAt("kind") == "Deployment" && document.MappingAt("metadata")?.ScalarAt("name") == "gateway");
        gateway.MappingAt("spec")!.Children.Add("paused", "true");

        Assert.Equal(["Component pubsub", "Deployment gateway"], OverlayDifference.Between(changed, Overlays.Get(Overlays.RabbitMq)));
    }

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void Every_secret_the_manifests_read_is_created_by_the_readme(string overlay)
    {
        ProblemAssert.None(SecretChecks.Documented(Overlays.Get(overlay), Readme()));
    }

    [Fact]
    public void A_secret_key_the_readme_does_not_create_is_reported()
    {
        var readme = Readme().Replace("--from-literal=authToken=", "--from-literal=token=", StringComparison.Ordinal);

        var problem = Assert.Single(SecretChecks.Documented(Overlays.Get(Overlays.Redis), readme));

        Assert.Equal("Component sms reads secret twilio/authToken, which k8s/README.md does not create", problem);
    }

    [Fact]
    public void Secret_commands_continued_over_lines_are_read_whole()
    {
        var documented = SecretChecks.DocumentedIn("""
            kubectl -n oneday create secret generic redis \
                --from-literal=host=redis:6379 --from-literal=password='x'
            kubectl create secret generic push --from-file=url=./url.txt
            """);

        Assert.Equal(new HashSet<SecretKey> { new("redis", "host"), new("redis", "password"), new("push", "url") }, documented.ToHashSet());
    }

    [Fact]
    public void Secret_commands_in_a_loop_over_apps_are_read_once_per_app()
    {
        var documented = SecretChecks.DocumentedIn("""
            for app in users jobs; do
              kubectl -n oneday create secret generic "$app-dapr-api-token" --from-literal=token="$(openssl rand -hex 32)"
            done
            """);

        Assert.Equal(new HashSet<SecretKey> { new("users-dapr-api-token", "token"), new("jobs-dapr-api-token", "token") }, documented.ToHashSet());
    }

    private static string Readme() => File.ReadAllText(RepositoryFolder.PathOf("k8s/README.md"));
}
