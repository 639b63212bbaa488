using System.ComponentModel.DataAnnotations;

namespace OneDay.Contracts;

/// <summary>
/// Which Dapr pub/sub component carries integration events (configuration section "PubSub"). Changing
/// broker is a component-file change, so code never names the component itself.
/// </summary>
public sealed class PubSubOptions
{
    public const string Section = "PubSub";

    [Required(ErrorMessage = "PubSub:Name must name the Dapr pub/sub component (\"pubsub\")")]
    [DaprComponentName(ErrorMessage = "PubSub:Name must be a Dapr component name (letters, digits, '-', '.')")]
    public string Name { get; set; } = "pubsub";
}
