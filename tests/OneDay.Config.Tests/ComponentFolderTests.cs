using OneDay.Config.Tests.Validation;
using OneDay.Testing;

namespace OneDay.Config.Tests;

/// <summary>The resources folders a sidecar loads: components/ (Redis) and components/rabbitmq/.</summary>
public class ComponentFolderTests
{
    private static readonly string[] KindsDaprLoads = ["Component", "Configuration", "Resiliency"];
    private static readonly string[] ComponentsTheServicesUse = ["pubsub", "statestore", "secretstore", "email", "sms", "push"];

    [Theory]
    [InlineData("components")]
    [InlineData("components/rabbitmq")]
    public void Every_resource_declares_the_dapr_api_version_and_a_kind_daprd_loads(string folder)
    {
        var resources = DaprResource.LoadFolder(RepositoryFolder.PathOf(folder));

        // daprd silently skips a document whose apiVersion or kind it does not expect.
        Assert.NotEmpty(resources);
        Assert.All(resources, resource =>
        {
            Assert.Equal(DaprResource.ApiVersionV1Alpha1, resource.ApiVersion);
            Assert.Contains(resource.Kind, KindsDaprLoads);
        });
    }

    [Theory]
    [InlineData("components")]
    [InlineData("components/rabbitmq")]
    public void Every_component_is_one_dapr_accepts_for_its_type(string folder)
    {
        var components = ComponentsIn(folder);

        var problems = components.SelectMany(component =>
            ComponentValidator.Validate(component, OneDayApps.Ids).Select(problem => $"{component}: {problem}"));

        Assert.NotEmpty(components);
        ProblemAssert.None(problems);
    }

    [Theory]
    [InlineData("components")]
    [InlineData("components/rabbitmq")]
    public void Components_loaded_together_have_unique_names_one_actor_state_store_and_reachable_secrets(string folder)
    {
        var resources = DaprResource.LoadFolder(RepositoryFolder.PathOf(folder));

        var problems = ComponentValidator.ValidateSet(resources);

        ProblemAssert.None(problems);
    }

    [Theory]
    [InlineData("components")]
    [InlineData("components/rabbitmq")]
    public void Each_folder_holds_every_component_the_services_use_by_name(string folder)
    {
        var names = ComponentsIn(folder).Select(component => component.Name).ToHashSet();

        Assert.Superset(ComponentsTheServicesUse.ToHashSet<string?>(), names);
    }

    [Theory]
    [InlineData("components")]
    [InlineData("components/rabbitmq")]
    public void The_statestore_is_the_actor_state_store(string folder)
    {
        var statestore = ComponentsIn(folder).Single(component => component.Name == "statestore");

        Assert.True(ComponentValidator.IsTruthy(statestore.MetadataValue("actorStateStore")));
    }

    internal static IReadOnlyList<DaprResource> ComponentsIn(string folder) =>
        DaprResource.LoadFolder(RepositoryFolder.PathOf(folder)).Where(resource => resource.Kind == "Component").ToList();
}
