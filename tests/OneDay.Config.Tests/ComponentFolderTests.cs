using OneDay.Config.Tests.Validation;
using OneDay.Testing;

namespace OneDay.Config.Tests;

/// <summary>
/// The resources a sidecar loads: components/ (shared) plus one broker layer, components/redis/ (the default)
/// or components/rabbitmq/. Each theory runs over both sets.
/// </summary>
public class ComponentFolderTests
{
    private static readonly string[] KindsDaprLoads = ["Component", "Configuration", "Resiliency"];
    private static readonly string[] ComponentsTheServicesUse = ["pubsub", "statestore", "tokenrevocations", "secretstore", "email", "sms", "push"];

    [Theory]
    [InlineData("components/redis")]
    [InlineData("components/rabbitmq")]
    public void Every_resource_declares_the_dapr_api_version_and_a_kind_daprd_loads(string brokerLayer)
    {
        var resources = ResourcesWith(brokerLayer);

        // daprd silently skips a document whose apiVersion or kind it does not expect.
        Assert.NotEmpty(resources);
        Assert.All(resources, resource =>
        {
            Assert.Equal(DaprResource.ApiVersionV1Alpha1, resource.ApiVersion);
            Assert.Contains(resource.Kind, KindsDaprLoads);
        });
    }

    [Theory]
    [InlineData("components/redis")]
    [InlineData("components/rabbitmq")]
    public void Every_component_is_one_dapr_accepts_for_its_type(string brokerLayer)
    {
        var components = ComponentsIn(brokerLayer);

        var problems = components.SelectMany(component =>
            ComponentValidator.Validate(component, OneDayApps.Ids).Select(problem => $"{component}: {problem}"));

        Assert.NotEmpty(components);
        ProblemAssert.None(problems);
    }

    [Theory]
    [InlineData("components/redis")]
    [InlineData("components/rabbitmq")]
    public void Components_loaded_together_have_unique_names_one_actor_state_store_and_reachable_secrets(string brokerLayer)
    {
        var resources = ResourcesWith(brokerLayer);

        var problems = ComponentValidator.ValidateSet(resources);

        ProblemAssert.None(problems);
    }

    [Theory]
    [InlineData("components/redis")]
    [InlineData("components/rabbitmq")]
    public void Each_set_holds_every_component_the_services_use_by_name(string brokerLayer)
    {
        var names = ComponentsIn(brokerLayer).Select(component => component.Name).ToHashSet();

        Assert.Superset(ComponentsTheServicesUse.ToHashSet<string?>(), names);
    }

    [Theory]
    [InlineData("components/redis")]
    [InlineData("components/rabbitmq")]
    public void The_statestore_is_the_actor_state_store(string brokerLayer)
    {
        var statestore = ComponentsIn(brokerLayer).Single(component => component.Name == "statestore");

        Assert.True(ComponentValidator.IsTruthy(statestore.MetadataValue("actorStateStore")));
    }

    /// <summary>What a sidecar loads with the given broker layer: the shared folder, then the layer.</summary>
    internal static IReadOnlyList<DaprResource> ResourcesWith(string brokerLayer) =>
        DaprResource.LoadFolders([RepositoryFolder.PathOf("components"), RepositoryFolder.PathOf(brokerLayer)]);

    internal static IReadOnlyList<DaprResource> ComponentsIn(string brokerLayer) =>
        ResourcesWith(brokerLayer).Where(resource => resource.Kind == "Component").ToList();
}
