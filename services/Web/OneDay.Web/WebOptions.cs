using System.ComponentModel.DataAnnotations;

namespace OneDay.Web;

/// <summary>Where the public API is, how long a person stays signed in, and where map tiles come from (if anywhere).</summary>
public sealed class WebOptions : IValidatableObject
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

    /// <summary>
    /// A map tile server's address with {z}, {x} and {y} (https://tile.example/{z}/{x}/{y}.png): when set, the job list
    /// has a map beside it; unset (the default), there is no map and nothing is fetched from anywhere else.
    /// </summary>
    public string? MapTileUrl { get; set; }

    /// <summary>The credit the tile server's terms ask to be shown under its tiles (OpenStreetMap's: © OpenStreetMap contributors).</summary>
    [StringLength(200)]
    public string? MapAttribution { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MapTileUrl is null) yield break;
        var placeholders = new[] { "{z}", "{x}", "{y}" }.All(p => MapTileUrl.Contains(p, StringComparison.Ordinal));
        if (!placeholders || !Uri.TryCreate(MapTileUrl, UriKind.Absolute, out var address) || address.Scheme is not ("https" or "http"))
        {
            yield return new ValidationResult("Web:MapTileUrl must be an http(s) address with {z}, {x} and {y}.", [nameof(MapTileUrl)]);
        }
    }
}
