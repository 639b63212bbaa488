using OneDay.DaprEmulator.Configuration;
using OneDay.Testing;

namespace OneDay.DaprEmulator.Tests;

/// <summary>
/// Several resources paths, as the repository's components/ plus one broker layer use them: each path's own
/// files only, in the order given, and a component name loaded twice refused (dapr/dapr v1.16.9
/// pkg/internal/loader/disk/manifest.go, loadManifestsFromDirectory; disk.go, Load: "duplicate definition").
/// </summary>
public sealed class ResourcesPathTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("oneday-resources-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void A_folder_does_not_load_its_sub_folders_so_a_broker_layer_is_loaded_only_when_named()
    {
        var shared = Folder("components", ("statestore.yaml", Component("statestore", "state.in-memory")));
        var redisLayer = Folder("components/redis", ("pubsub.yaml", Component("pubsub", "pubsub.in-memory")));

        var sharedOnly = SidecarResources.Load([shared], null, "orders", TimeProvider.System);
        var layered = SidecarResources.Load([shared, redisLayer], null, "orders", TimeProvider.System);

        Assert.Equal(["statestore"], sharedOnly.Components.Select(c => c.Name));
        Assert.Equal(["statestore", "pubsub"], layered.Components.Select(c => c.Name));
    }

    [Fact]
    public void Two_broker_layers_loaded_together_stop_the_sidecar_naming_both_files()
    {
        var redisLayer = Folder("redis", ("pubsub.yaml", Component("pubsub", "pubsub.in-memory")));
        var rabbitLayer = Folder("rabbitmq", ("pubsub.yaml", Component("pubsub", "pubsub.in-memory")));

        var refused = Assert.Throws<InvalidDataException>(() =>
            SidecarResources.Load([redisLayer, rabbitLayer], null, "orders", TimeProvider.System));

        Assert.Contains("'pubsub' is defined more than once", refused.Message);
        Assert.Contains(Path.Combine(redisLayer, "pubsub.yaml"), refused.Message);
        Assert.Contains(Path.Combine(rabbitLayer, "pubsub.yaml"), refused.Message);
    }

    private string Folder(string relative, params (string Name, string Text)[] files)
    {
        var folder = Path.Combine(_root, relative);
        Directory.CreateDirectory(folder);
        foreach (var (name, text) in files) File.WriteAllText(Path.Combine(folder, name), text);
        return folder;
    }

    private static string Component(string name, string type) => DaprComponentYaml.Of(name, type, []);
}
