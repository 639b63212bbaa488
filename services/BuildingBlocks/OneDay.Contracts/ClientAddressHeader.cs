namespace OneDay.Contracts;

/// <summary>
/// The header in which the web client names the address of the person it calls the gateway for. The gateway
/// believes it only from an app it lists, on a call proven to come through its sidecar, and removes it
/// before forwarding.
/// </summary>
public static class ClientAddressHeader
{
    public const string Name = "OneDay-Client-Address";
}
