using System.ComponentModel.DataAnnotations;

namespace OneDay.Chat;

/// <summary>How rooms and senders are limited (section "Chat").</summary>
public sealed class ChatOptions
{
    public const string Section = "Chat";

    /// <summary>A room takes new messages until this many days after the work ends (questions about pay, a lost item …).</summary>
    [Range(0, 90)]
    public int RoomOpenDaysAfterWork { get; set; } = 3;

    /// <summary>Messages one user may send in <see cref="SendWindow"/>, across rooms and instances.</summary>
    [Range(1, 10_000)]
    public int MessagesPerWindow { get; set; } = 20;

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan SendWindow { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>At most one typing indicator per user and room in this interval.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan TypingInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a connection counts as present in a room without its instance renewing it (after a crash).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan PresenceLease { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan OpenAfterWork => TimeSpan.FromDays(RoomOpenDaysAfterWork);
}
