using System.ComponentModel.DataAnnotations;

namespace OneDay.Notifications.Templates;

/// <summary>Where links in messages point (section "Links"): the web app that opens verification and reset links.</summary>
public sealed class MessageLinkOptions
{
    public const string Section = "Links";

    [Required, Url]
    public string WebBaseUrl { get; set; } = "https://oneday.kr";
}
