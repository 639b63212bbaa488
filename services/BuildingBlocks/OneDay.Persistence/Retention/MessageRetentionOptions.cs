using System.ComponentModel.DataAnnotations;

namespace OneDay.Persistence.Retention;

/// <summary>How long the outbox and inbox keep rows that are done with (section "MessageRetention").</summary>
public sealed class MessageRetentionOptions
{
    public const string Section = "MessageRetention";

    /// <summary>How long a published outbox row is kept, to look into what was sent.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00", ErrorMessage = "MessageRetention:OutboxSent must be between {1} and {2}")]
    public TimeSpan OutboxSent { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// How long a handled event's id is kept to recognise a redelivery of it. Far beyond any redelivery: a broker
    /// redelivers within minutes, an outbox whose mark was lost republishes within its backoff; a day at least.
    /// </summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00", ErrorMessage = "MessageRetention:InboxHandled must be between {1} and {2}")]
    public TimeSpan InboxHandled { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often rows past their time are deleted.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "1.00:00:00", ErrorMessage = "MessageRetention:SweepInterval must be between {1} and {2}")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Rows deleted per statement, so a large backlog never takes one long transaction.</summary>
    [Range(1, 100_000, ErrorMessage = "MessageRetention:BatchSize must be between {1} and {2}")]
    public int BatchSize { get; set; } = 1000;
}
