using System.Globalization;
using System.Text.Json;
using Dapr.DurableTask.Protobuf;
using Google.Protobuf;
using OneDay.DaprEmulator.State;

namespace OneDay.DaprEmulator.Workflows;

/// <summary>What one instance has in the store: its history, its inbox (events not yet in a committed turn) and custom status.</summary>
internal sealed record StoredWorkflow(string InstanceId, IReadOnlyList<HistoryEvent> History, IReadOnlyList<HistoryEvent> Inbox, string? CustomStatus);

/// <summary>
/// Workflow state in the app's actor state store with daprd's layout (docs/dapr-workflow.md W.6.1): the
/// workflow actor `dapr.internal.{namespace}.{appId}.workflow`, actor id = instance id, keys `metadata`,
/// `history-NNNNNN` and `inbox-NNNNNN` (one protobuf event each) and `customStatus`. Each save is one
/// state transaction, so a restarted emulator finds an instance as it was after some commit, never half of one.
/// </summary>
internal sealed class WorkflowStateStore(IStateStore store, string appId, string ns)
{
    private static readonly IReadOnlyDictionary<string, string> NoMetadata = new Dictionary<string, string>();

    private string Prefix(string instanceId) => $"{appId}||dapr.internal.{ns}.{appId}.workflow||{instanceId}||";

    private static string Indexed(string kind, int index) => $"{kind}-{index.ToString("D6", CultureInfo.InvariantCulture)}";

    /// <summary>
    /// Writes the events of <paramref name="history"/> after the first <paramref name="unchangedHistory"/>
    /// (those the store holds already), the whole inbox and the custom status, and removes what the new
    /// lengths leave over.
    /// </summary>
    public async Task<WorkflowStoreMetadata> SaveAsync(string instanceId, WorkflowStoreMetadata previous, IReadOnlyList<HistoryEvent> history, int unchangedHistory,
        IReadOnlyList<HistoryEvent> inbox, string? customStatus, CancellationToken cancellationToken)
    {
        var prefix = Prefix(instanceId);
        var operations = new List<StateOperation>();
        for (var i = Math.Min(unchangedHistory, previous.HistoryLength); i < history.Count; i++) operations.Add(Upsert(prefix + Indexed("history", i), history[i].ToByteArray()));
        for (var i = history.Count; i < previous.HistoryLength; i++) operations.Add(Delete(prefix + Indexed("history", i)));
        for (var i = 0; i < inbox.Count; i++) operations.Add(Upsert(prefix + Indexed("inbox", i), inbox[i].ToByteArray()));
        for (var i = inbox.Count; i < previous.InboxLength; i++) operations.Add(Delete(prefix + Indexed("inbox", i)));
        operations.Add(customStatus is null ? Delete(prefix + "customStatus") : Upsert(prefix + "customStatus", JsonSerializer.SerializeToUtf8Bytes(customStatus)));
        var metadata = previous with { HistoryLength = history.Count, InboxLength = inbox.Count };
        operations.Add(Upsert(prefix + "metadata", JsonSerializer.SerializeToUtf8Bytes(metadata, WorkflowStoreMetadata.Json)));
        await store.TransactAsync(operations, cancellationToken).ConfigureAwait(false);
        return metadata;
    }

    public async Task DeleteAsync(string instanceId, WorkflowStoreMetadata metadata, CancellationToken cancellationToken)
    {
        var prefix = Prefix(instanceId);
        var operations = Enumerable.Range(0, metadata.HistoryLength).Select(i => Delete(prefix + Indexed("history", i)))
            .Concat(Enumerable.Range(0, metadata.InboxLength).Select(i => Delete(prefix + Indexed("inbox", i))))
            .Append(Delete(prefix + "customStatus"))
            .Append(Delete(prefix + "metadata"))
            .ToList();
        await store.TransactAsync(operations, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every instance of this app in the store, found by its `metadata` key.</summary>
    public async Task<IReadOnlyList<(StoredWorkflow Workflow, WorkflowStoreMetadata Metadata)>> LoadAllAsync(CancellationToken cancellationToken)
    {
        var actorPrefix = Prefix("")[..^2];
        var found = new List<(StoredWorkflow, WorkflowStoreMetadata)>();
        foreach (var key in await store.KeysAsync(actorPrefix, cancellationToken).ConfigureAwait(false))
        {
            if (!key.EndsWith("||metadata", StringComparison.Ordinal)) continue;
            var instanceId = key[actorPrefix.Length..^"||metadata".Length];
            if (await store.GetAsync(key, cancellationToken).ConfigureAwait(false) is not { } entry) continue;
            var metadata = JsonSerializer.Deserialize<WorkflowStoreMetadata>(entry.Value, WorkflowStoreMetadata.Json)!;
            var prefix = Prefix(instanceId);
            var history = await ReadEventsAsync(prefix, "history", metadata.HistoryLength, cancellationToken).ConfigureAwait(false);
            var inbox = await ReadEventsAsync(prefix, "inbox", metadata.InboxLength, cancellationToken).ConfigureAwait(false);
            var status = await store.GetAsync(prefix + "customStatus", cancellationToken).ConfigureAwait(false) is { } s ? JsonSerializer.Deserialize<string>(s.Value) : null;
            found.Add((new StoredWorkflow(instanceId, history, inbox, status), metadata));
        }
        return found;
    }

    private async Task<List<HistoryEvent>> ReadEventsAsync(string prefix, string kind, int count, CancellationToken cancellationToken)
    {
        var events = new List<HistoryEvent>(count);
        for (var i = 0; i < count; i++)
        {
            var entry = await store.GetAsync(prefix + Indexed(kind, i), cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidDataException($"workflow state {prefix}{Indexed(kind, i)} is missing");
            events.Add(HistoryEvent.Parser.ParseFrom(entry.Value));
        }
        return events;
    }

    private static StateUpsert Upsert(string key, byte[] value) => new(key, value, null, false, NoMetadata);

    private static StateDelete Delete(string key) => new(key, null, false, NoMetadata);
}

/// <summary>
/// The `metadata` key: how many history and inbox keys there are, and the generation (bumped when an
/// instance id is reused). daprd 1.16 writes it as protobuf; this JSON form is the one daprd wrote before.
/// </summary>
internal sealed record WorkflowStoreMetadata(int InboxLength, int HistoryLength, ulong Generation)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static readonly WorkflowStoreMetadata Empty = new(0, 0, 0);
}
