using System.ComponentModel.DataAnnotations;

namespace OneDay.Gateway.Routing;

/// <summary>Where the gateway sends what (section "Gateway").</summary>
public sealed class GatewayOptions
{
    public const string Section = "Gateway";

    /// <summary>App ids reachable by prefix: /{appId}/** goes to that app through the sidecar.</summary>
    [MinLength(1)]
    public List<string> Services { get; set; } = ["users", "jobs", "payments", "search", "notifications", "chat"];

    /// <summary>
    /// Real-time hubs, proxied straight to their service because Dapr invocation does not carry WebSockets,
    /// by name so that each is one environment variable away (Gateway__Hubs__chat__Address; in Kubernetes
    /// the Service's DNS name).
    /// </summary>
    public Dictionary<string, HubRoute> Hubs { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["notifications"] = new() { Path = "/hubs/notifications", Address = new Uri("http://127.0.0.1:3005") },
        ["chat"] = new() { Path = "/chat/socket", Address = new Uri("http://127.0.0.1:3006") },
    };

    /// <summary>How long a proxied request may wait for its answer.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Apps that call on behalf of people and name each person's address (the web client): believed only for
    /// calls that came through the gateway's sidecar from one of them (Security/ForwardedClientAddress).
    /// </summary>
    public List<string> ClientAddressForwarders { get; set; } = ["web"];

    /// <summary>Browser origins allowed to call the API (CORS); empty allows none.</summary>
    public List<string> AllowedOrigins { get; set; } = [];
}
