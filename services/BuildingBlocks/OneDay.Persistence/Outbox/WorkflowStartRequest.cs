using System.Text.Json;

namespace OneDay.Persistence.Outbox;

/// <summary>
/// A workflow start kept in the outbox: written in the same transaction as the change that calls for the
/// workflow (a committed application, a confirmed payment), issued by the dispatcher, so a process that
/// dies right after the commit still gets its workflow started, by whichever replica dispatches next.
/// Its row's topic is <see cref="TopicPrefix"/> + the workflow's name; its payload is this record.
/// </summary>
public sealed record WorkflowStartRequest(string InstanceId, JsonElement Input)
{
    public const string TopicPrefix = "workflow:";

    public const string EventType = "WorkflowStart";

    /// <summary>The workflow the row starts, or null for a row that is an integration event.</summary>
    public static string? WorkflowOf(OutboxMessage message) =>
        message.Topic.StartsWith(TopicPrefix, StringComparison.Ordinal) ? message.Topic[TopicPrefix.Length..] : null;
}
