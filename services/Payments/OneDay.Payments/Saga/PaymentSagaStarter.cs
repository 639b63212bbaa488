using System.Diagnostics;
using System.Threading.Channels;
using Dapr.Actors;
using Dapr.Actors.Client;
using Microsoft.Extensions.Options;
using OneDay.ServiceDefaults.Telemetry;

namespace OneDay.Payments.Saga;

/// <summary>
/// Starts confirmed payments' sagas after their confirm has answered. Starting one is a round trip through
/// the sidecar to the actor, which loads its state, registers its reminder and saves (four more sidecar
/// calls), and the confirm's 202 promises nothing of it: the payment is already committed as Processing.
/// Waiting for it held every confirm, and its database connection and request slot, for most of its
/// time. A start that fails, or is still queued when the process stops, is left to
/// <see cref="StalledWorkRecovery"/>, which finds the payment still Processing without a saga; starting a
/// saga twice does nothing.
/// </summary>
public sealed class PaymentSagaStarter(IActorProxyFactory actors, IOptions<PaymentSagaOptions> options, ILogger<PaymentSagaStarter> logger) : BackgroundService
{
    /// <summary>
    /// Starts in flight at once: enough that the sidecar round trips overlap, few enough that a burst of
    /// confirms queues here instead of flooding the sidecar and the actor runtime.
    /// </summary>
    private const int Concurrency = 16;

    private readonly Channel<(Guid PaymentId, string? TraceParent)> _queue =
        Channel.CreateBounded<(Guid, string?)>(new BoundedChannelOptions(options.Value.StartQueueCapacity) { FullMode = BoundedChannelFullMode.Wait });

    /// <summary>
    /// Queues the start of <paramref name="paymentId"/>'s saga, in the trace of the request confirming it, and
    /// returns at once: false when the queue is full or the host is stopping, the saga then left to the recovery sweep.
    /// </summary>
    public bool Enqueue(Guid paymentId)
    {
        if (_queue.Writer.TryWrite((paymentId, Activity.Current?.Id))) return true;
        logger.LogWarning("payment {PaymentId}: the saga start queue is full or stopping, the recovery sweep will start it", paymentId);
        return false;
    }

    /// <summary>Starts the saga of <paramref name="paymentId"/> and waits for it: the recovery sweep's way.</summary>
    public static Task StartAsync(IActorProxyFactory actors, Guid paymentId) =>
        actors.CreateActorProxy<IPaymentSaga>(new ActorId(paymentId.ToString()), nameof(PaymentSaga)).StartAsync();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Parallel.ForEachAsync(_queue.Reader.ReadAllAsync(stoppingToken), new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = stoppingToken },
                async (queued, _) =>
                {
                    var (paymentId, traceParent) = queued;
                    // The confirm's trace goes on through the actor call, so the saga's steps join it too.
                    using var start = OneDayTelemetry.Source.StartActivity("PaymentSaga start", ActivityKind.Internal,
                        ActivityContext.TryParse(traceParent, null, out var parent) ? parent : default);
                    try
                    {
                        await StartAsync(actors, paymentId);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        logger.LogWarning("payment {PaymentId}: the saga could not be started now, the recovery sweep will ({Error})", paymentId, ex.Message);
                    }
                });
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is still queued is Processing in the database, where the recovery sweep finds it.
        }
        finally
        {
            _queue.Writer.TryComplete();
        }
    }
}
