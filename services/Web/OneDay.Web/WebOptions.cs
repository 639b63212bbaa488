using System.ComponentModel.DataAnnotations;

namespace OneDay.Web;

/// <summary>Where the public API is and how long a person stays signed in.</summary>
public sealed class WebOptions
{
    public const string Section = "Web";

    /// <summary>
    /// The gateway's Dapr app id: the web app calls the public API by service invocation through its own
    /// sidecar (mTLS, retries and traces as for every other call), never the gateway's Ingress address.
    /// </summary>
    [Required, MinLength(1)]
    public string GatewayAppId { get; set; } = "gateway";

    /// <summary>
    /// The gateway's own HTTP address, for the real-time hubs only: service invocation does not carry
    /// WebSockets, so a hub connection goes to the gateway straight, as any other client's does.
    /// </summary>
    [Required]
    public Uri GatewayAddress { get; set; } = new("http://127.0.0.1:3000");

    /// <summary>How long the session cookie lives without activity (sliding).</summary>
    [Range(typeof(TimeSpan), "00:05:00", "30.00:00:00")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);
}
