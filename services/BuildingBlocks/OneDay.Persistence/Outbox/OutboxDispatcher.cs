using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text;
using System.Text.Json;
using Dapr.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using OneDay.Contracts;
using OneDay.ServiceDefaults.Background;
using OneDay.ServiceDefaults.Telemetry;
using OneDay.ServiceDefaults.Workflows;

namespace OneDay.Persistence.Outbox;

/// <summary>
/// Publishes committed outbox rows through Dapr pub/sub and marks them sent. It wakes on the
/// <see cref="OutboxNotifier"/>'s NOTIFY and also sweeps every <see cref="OutboxOptions.SweepInterval"/>.
/// Rows are claimed with FOR UPDATE SKIP LOCKED inside a transaction that lasts until they are marked,
/// so replicas share the work without taking the same row, and a dispatcher that dies after publishing
/// but before marking leaves its rows unsent for the next one: they are published again (at least once)
/// and consumers de-duplicate by EventId. A batch's rows are published several at a time, in no set order.
/// A failed publish waits with exponential backoff. A publish that gets no answer within
/// <see cref="OutboxOptions.PublishTimeout"/> fails and ends its batch: the sidecar hangs, and the rows not
/// yet issued go back untried, for another replica's next pass, instead of staying locked for another timeout each. A row that is a workflow start (<see cref="WorkflowStartRequest"/>) is issued
/// through the service's <see cref="WorkflowStarter"/> instead of published.
/// </summary>
public sealed class OutboxDispatcher<TContext>(
    IServiceScopeFactory scopes,
    IServiceProvider services,
    OutboxListenerConnection<TContext> listenerConnection,
    DaprClient dapr,
    IOptions<PubSubOptions> pubsub,
    IOptions<OutboxOptions> options,
    TimeProvider time,
    IMeterFactory meters,
    ILogger<OutboxDispatcher<TContext>> logger) : DueWorkService(options.Value.SweepInterval, time, logger)
    where TContext : DbContext
{
    private const int ConcurrentPublishes = 100;

    private readonly RetryBackoff _backoff = new(options.Value.InitialBackoff, options.Value.MaxBackoff);

    // From the host's meter factory, so each host's (each replica's, in tests) measurements can be told apart.
    private readonly Meter _meter = meters.Create(OneDayTelemetry.Meter.Name);

    private Counter<long> Published => field ??= _meter.CreateCounter<long>("oneday.outbox.published", description: "Integration events published from the outbox");

    private Counter<long> Failures => field ??= _meter.CreateCounter<long>("oneday.outbox.publish_failures", description: "Failed attempts to publish an outbox event");

    private Counter<long> Claims => field ??= _meter.CreateCounter<long>("oneday.outbox.claims", description: "Queries claiming due outbox rows; a steady high rate with little published means dispatchers spin");

    protected override string Description => "publishing the outbox";

    /// <summary>A lost database connection is tried again soon, then less often while it stays lost.</summary>
    protected override RetryBackoff RetryAfterFailure { get; } = new(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(30));

    /// <summary>Publishes batches until no row is due; returns when the earliest unsent row it could take falls due.</summary>
    protected override Task<DateTimeOffset?> WorkAsync(CancellationToken stoppingToken) =>
        scopes.WorkThroughAsync<TContext, OutboxMessage>(Time, options.Value.BatchSize,
            claim: (db, now, limit) =>
            {
                Claims.Add(1);
                return db.Set<OutboxMessage>()
                    .FromSql($"SELECT * FROM outbox_messages WHERE sent_at IS NULL AND next_attempt_at <= {now} ORDER BY id LIMIT {limit} FOR UPDATE SKIP LOCKED");
            },
            handle: async (_, batch, _, cancellationToken) =>
            {
                // Rows are independent, so a batch's are issued several at a time: one at a time, the batch would take a sidecar
                // round trip per row (a start two: the instance looked up, then saved). Publishing in
                // order would buy no order anyway: the broker components deliver to the subscriber in parallel (docs/dapr-pubsub-brokers.md).
                // A publish left unanswered ends the batch: rows not yet issued go back untried.
                using var sidecarHung = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                try
                {
                    await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = ConcurrentPublishes, CancellationToken = sidecarHung.Token },
                        async (message, _) =>
                        {
                            if (!await PublishAsync(message, cancellationToken).ConfigureAwait(false)) await sidecarHung.CancelAsync().ConfigureAwait(false);
                        }).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (sidecarHung.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                }
            },
            dueTimes: db => db.Set<OutboxMessage>().Where(m => m.SentAt == null).Select(m => m.NextAttemptAt),
            stoppingToken);

    /// <summary>Publishes the message and records the outcome on it; false when the sidecar did not answer in time.</summary>
    private async Task<bool> PublishAsync(OutboxMessage message, CancellationToken stoppingToken)
    {
        ActivityContext.TryParse(message.TraceParent, message.TraceState, out var parent);
        using var activity = OneDayTelemetry.Source.StartActivity($"{message.Topic} publish", ActivityKind.Producer, parent);
        activity?.SetTag("messaging.system", "dapr");
        activity?.SetTag("messaging.destination.name", message.Topic);
        activity?.SetTag("messaging.message.id", message.EventId.ToString());
        using var timeout = new CancellationTokenSource(options.Value.PublishTimeout, Time);
        using var publishing = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timeout.Token);
        try
        {
            if (WorkflowStartRequest.WorkflowOf(message) is { } workflow)
                await StartWorkflowAsync(workflow, message, publishing.Token).ConfigureAwait(false);
            else
                await dapr.PublishByteEventAsync(pubsub.Value.Name, message.Topic, Encoding.UTF8.GetBytes(message.Payload), "application/json",
                    new Dictionary<string, string> { ["cloudevent.id"] = message.EventId.ToString() }, publishing.Token).ConfigureAwait(false);
            message.SentAt = Time.GetUtcNow();
            message.LastError = null;
            Published.Add(1, new KeyValuePair<string, object?>("topic", message.Topic));
            return true;
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            message.Attempts++;
            var backoff = _backoff.After(message.Attempts);
            message.NextAttemptAt = Time.GetUtcNow() + backoff;
            message.LastError = timeout.IsCancellationRequested
                ? $"the sidecar did not answer within {options.Value.PublishTimeout}"
                : ex.GetBaseException().Message;
            activity?.SetStatus(ActivityStatusCode.Error, message.LastError);
            Failures.Add(1, new KeyValuePair<string, object?>("topic", message.Topic));
            Logger.LogWarning("publishing {EventType} {EventId} failed (attempt {Attempts}), next try in {Backoff}: {Error}",
                message.EventType, message.EventId, message.Attempts, backoff, message.LastError);
            return !timeout.IsCancellationRequested;
        }
    }

    private async Task StartWorkflowAsync(string workflow, OutboxMessage message, CancellationToken cancellationToken)
    {
        var starter = services.GetService<WorkflowStarter>()
            ?? throw new InvalidOperationException($"the outbox holds a start of workflow {workflow} but this service registers no WorkflowStarter");
        var request = JsonSerializer.Deserialize<WorkflowStartRequest>(message.Payload, ContractJson.Options)
            ?? throw new InvalidDataException($"outbox row {message.Id} is not a workflow start");
        await starter.StartOnceAsync(workflow, request.InstanceId, request.Input, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>LISTENs for the <see cref="OutboxNotifier"/>'s NOTIFY on a connection of its own, held while passes succeed.</summary>
    protected override async Task<IWorkListener> ListenAsync(CancellationToken stoppingToken)
    {
        var connection = new NpgsqlConnection(listenerConnection.ConnectionString);
        await connection.OpenAsync(stoppingToken).ConfigureAwait(false);
        await using (var listen = new NpgsqlCommand($"LISTEN {OutboxNotifier.Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken).ConfigureAwait(false);
        }
        return new OutboxListener(connection);
    }

    private sealed class OutboxListener(NpgsqlConnection connection) : IWorkListener
    {
        public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => connection.WaitAsync(timeout, cancellationToken);

        public ValueTask DisposeAsync() => connection.DisposeAsync();
    }
}
