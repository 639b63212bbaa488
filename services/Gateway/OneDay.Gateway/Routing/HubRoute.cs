namespace OneDay.Gateway.Routing;

/// <summary>One real-time hub: the path prefix clients connect to and the service that serves it.</summary>
public sealed class HubRoute
{
    public string Path { get; set; } = "";

    public Uri? Address { get; set; }

    /// <summary>What is wrong with this hub's settings, or null; a hub without a path or an address would be silently unreachable.</summary>
    public string? Problem(string name) =>
        !Path.StartsWith('/') ? $"Gateway:Hubs:{name}:Path must start with '/'."
        : Address is not { IsAbsoluteUri: true } ? $"Gateway:Hubs:{name}:Address must be an absolute URL such as http://chat:3006."
        : null;
}
