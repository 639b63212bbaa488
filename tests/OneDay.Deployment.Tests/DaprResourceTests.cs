using k8s.Models;
using OneDay.Config.Tests;
using OneDay.Config.Tests.Validation;
using OneDay.Deployment.Tests.Checks;
using OneDay.Deployment.Tests.Manifests;
using YamlDotNet.RepresentationModel;
using OneDay.Testing;

namespace OneDay.Deployment.Tests;

/// <summary>The Dapr Components, Configuration and Resiliency as Kubernetes objects.</summary>
public class DaprResourceTests
{
    [Fact]
    public void Mtls_is_kept_on_in_the_control_planes_configuration_where_daprd_reads_it()
    {
        var daprsystem = Assert.Single(DaprResource.Parse(File.ReadAllText(RepositoryFolder.PathOf("k8s/dapr-system/daprsystem.yaml"))));

        Assert.Equal(("Configuration", "daprsystem", "dapr-system"), (daprsystem.Kind, daprsystem.Name, daprsystem.Node.MappingAt("metadata")?.ScalarAt("namespace")));
        Assert.Equal("true", daprsystem.Spec.MappingAt("mtls")?.ScalarAt("enabled"));
    }

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void Every_component_passes_the_checks_of_the_self_hosted_ones(string overlay)
    {
        var rendered = Overlays.Get(overlay);

        Assert.NotEmpty(rendered.Components);
        ProblemAssert.None(ComponentChecks.AsDaprAcceptsThem(rendered, RunTemplate.AppIds));
    }

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void Each_component_a_service_uses_is_there_and_in_scope_for_exactly_the_apps_that_use_it(string overlay)
    {
        ProblemAssert.None(ComponentChecks.Scopes(Overlays.Get(overlay), RunTemplate.AppIds));
    }

    [Fact]
    public void A_binding_no_service_invokes_is_reported_with_the_apps_that_load_it_for_nothing()
    {
        var rendered = Overlays.RenderAfresh(Overlays.Redis);
        var fax = RenderedOverlay.FromYaml(string.Join("\n---\n", rendered.Documents.Select(YamlText.Of).Append("""
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: fax
              namespace: oneday
            spec:
              type: bindings.localstorage
              version: v1
              metadata:
                - name: rootPath
                  value: /tmp/fax
            scopes:
              - notifications
            """)));

        Assert.Equal(["Component fax: notifications is in its scopes but does not use it"], ComponentChecks.Scopes(fax, RunTemplate.AppIds));
    }

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void Component_credentials_come_from_a_secret_store_every_loading_app_has(string overlay)
    {
        ProblemAssert.None(ComponentChecks.Secrets(Overlays.Get(overlay), RunTemplate.AppIds));
    }

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void The_configuration_and_resiliency_are_what_daprd_accepts(string overlay)
    {
        var rendered = Overlays.Get(overlay);

        Assert.Equal(RunTemplate.Apps.Count, rendered.DaprResources.Count(resource => resource.Kind == "Configuration"));
        Assert.Single(rendered.DaprResources, resource => resource.Kind == "Resiliency");
        ProblemAssert.None(DaprConfigurationChecks.AsDaprAcceptsThem(rendered, RunTemplate.AppIds));
    }

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void Each_sidecar_has_its_apps_own_configuration_denying_by_default_with_the_self_hosted_callers_and_secrets(string overlay)
    {
        ProblemAssert.None(DaprConfigurationChecks.OwnConfigurations(Overlays.Get(overlay)));
    }

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void Apps_and_sidecars_send_spans_to_the_same_zipkin(string overlay)
    {
        var rendered = Overlays.Get(overlay);

        ProblemAssert.None(rendered.DaprResources.Where(resource => resource.Kind == "Configuration")
            .SelectMany(configuration => DaprConfigurationChecks.Tracing(rendered, configuration)));
    }

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void The_resiliency_spec_is_the_self_hosted_one(string overlay)
    {
        var resiliency = Overlays.Get(overlay).DaprResources.Single(resource => resource.Kind == "Resiliency");

        ProblemAssert.None(DaprConfigurationChecks.SameResiliency(resiliency, SelfHosted("Resiliency")));
    }

    [Fact]
    public void The_rabbitmq_pubsub_keeps_every_message_until_a_consumer_has_handled_it()
    {
        var pubsub = Component(Overlays.Get(Overlays.RabbitMq), "pubsub");

        Assert.Equal("pubsub.rabbitmq", pubsub.ComponentType);
        Assert.Equal("true", pubsub.MetadataValue("durable"));
        Assert.Equal("false", pubsub.MetadataValue("deletedWhenUnused"));
        Assert.Equal("2", pubsub.MetadataValue("deliveryMode"));
        // RabbitMQ's default (false) discards a message whose delivery failed.
        Assert.Equal("true", pubsub.MetadataValue("requeueInFailure"));
        Assert.Equal("rabbitmq", pubsub.ComponentMetadata.Single(entry => entry.ScalarAt("name") == "connectionString").MappingAt("secretKeyRef")?.ScalarAt("name"));
    }

    [Theory]
    [InlineData(Overlays.Redis, "state.redis", "v1")]
    [InlineData(Overlays.PostgresActors, "state.postgresql", "v2")]
    public void The_statestore_is_the_one_actor_state_store(string overlay, string type, string version)
    {
        var statestore = Component(Overlays.Get(overlay), "statestore");

        Assert.Equal(type, statestore.ComponentType);
        Assert.Equal(version, statestore.Spec.ScalarAt("version"));
        Assert.True(ComponentValidator.IsTruthy(statestore.MetadataValue("actorStateStore")));
    }

    [Fact]
    public void A_component_out_of_scope_for_an_app_that_uses_it_is_reported()
    {
        var overlay = Overlays.RenderAfresh(Overlays.Redis);
        var scopes = (YamlSequenceNode)Component(overlay, "statestore").Node.Children[new YamlScalarNode("scopes")];
        scopes.Children.RemoveAt(1);

        var problem = Assert.Single(ComponentChecks.Scopes(overlay, RunTemplate.AppIds));

        Assert.Equal("Component statestore: payments uses it but is not in its scopes", problem);
    }

    [Fact]
    public void An_inline_password_is_reported()
    {
        var overlay = Overlays.RenderAfresh(Overlays.Redis);
        var password = Component(overlay, "pubsub").ComponentMetadata.Single(entry => entry.ScalarAt("name") == "redisPassword");
        password.Children.Remove(new YamlScalarNode("secretKeyRef"));
        password.Children.Add("value", "hunter2");

        var problem = Assert.Single(ComponentChecks.Secrets(overlay, RunTemplate.AppIds));

        Assert.Equal("Component pubsub: redisPassword is given inline; reference a secret", problem);
    }

    [Fact]
    public void A_metadata_name_dapr_does_not_know_is_reported_by_the_shared_validator()
    {
        var overlay = Overlays.RenderAfresh(Overlays.Redis);
        Component(overlay, "push").ComponentMetadata.Single(entry => entry.ScalarAt("name") == "responseTimeout").Children[new YamlScalarNode("name")] = new YamlScalarNode("timeout");

        var problem = Assert.Single(ComponentChecks.AsDaprAcceptsThem(overlay, RunTemplate.AppIds));

        Assert.Contains("metadata 'timeout' is not accepted by bindings.http v1", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_policy_that_lets_the_gateway_call_internal_routes_or_a_wider_secret_scope_or_another_apps_configuration_is_reported()
    {
        var overlay = Overlays.RenderAfresh(Overlays.Redis);
        var users = overlay.DaprResources.Single(resource => resource.Name == "users-config");
        var gateway = users.Spec.MappingAt("accessControl")!.SequenceAt("policies").Cast<YamlMappingNode>().Single(policy => policy.ScalarAt("appId") == "gateway");
        ((YamlMappingNode)gateway.SequenceAt("operations")[0]).Children[new YamlScalarNode("action")] = new YamlScalarNode("allow");
        var scope = (YamlMappingNode)users.Spec.MappingAt("secrets")!.SequenceAt("scopes")[0];
        scope.Children[new YamlScalarNode("allowedSecrets")] = new YamlSequenceNode(new YamlScalarNode("shared"), new YamlScalarNode("users"), new YamlScalarNode("payments"));
        overlay.All<V1Deployment>().Single(deployment => deployment.Name() == "search").Spec.Template.Metadata.Annotations[DaprAnnotations.ConfigurationName] = "users-config";

        Assert.Equal(
            [
                "Configuration users-config: policy gateway: default allow; allow * /internal/**; self-hosted: default allow; deny * /internal/**",
                "Configuration users-config: secrets differ from the self-hosted components/configuration/users.yaml",
                "Deployment search: dapr.io/config is 'users-config', not its own search-config",
            ],
            DaprConfigurationChecks.OwnConfigurations(overlay).Order(StringComparer.Ordinal));
    }

    private static DaprResource Component(RenderedOverlay overlay, string name) => overlay.Components.Single(component => component.Name == name);

    private static DaprResource SelfHosted(string kind) =>
        DaprResource.LoadFolder(RepositoryFolder.PathOf("components")).Single(resource => resource.Kind == kind);
}
