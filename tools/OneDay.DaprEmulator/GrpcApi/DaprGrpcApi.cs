using Dapr.Client.Autogen.Grpc.v1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using OneDay.DaprEmulator.Bindings;
using OneDay.DaprEmulator.Hosting;
using OneDay.DaprEmulator.Http;
using OneDay.DaprEmulator.PubSub;
using OneDay.DaprEmulator.Secrets;
using OneDay.DaprEmulator.State;

namespace OneDay.DaprEmulator.GrpcApi;

/// <summary>
/// daprd's gRPC API (`dapr.proto.runtime.v1.Dapr`) for the calls Dapr.Client 1.19 makes over gRPC
/// (docs/dapr-sidecar.md §C.2), implemented over the sidecar's components.
/// </summary>
public sealed class DaprGrpcApi(Sidecar sidecar) : DaprServiceBase
{
    public override async Task<Empty> PublishEvent(PublishEventRequest request, ServerCallContext context)
    {
        await sidecar.PubSub.PublishAsync(new PublishRequest(request.PubsubName, request.Topic, request.Data.ToByteArray(),
            string.IsNullOrEmpty(request.DataContentType) ? null : request.DataContentType,
            new Dictionary<string, string>(request.Metadata), context.RequestHeaders.GetValue("traceparent"),
            context.RequestHeaders.GetValue("tracestate")), context.CancellationToken).ConfigureAwait(false);
        return new Empty();
    }

    public override async Task<BulkPublishResponse> BulkPublishEventAlpha1(BulkPublishRequest request, ServerCallContext context)
    {
        var response = new BulkPublishResponse();
        foreach (var entry in request.Entries)
        {
            var metadata = new Dictionary<string, string>(request.Metadata);
            foreach (var (key, value) in entry.Metadata) metadata[key] = value;
            try
            {
                await sidecar.PubSub.PublishAsync(new PublishRequest(request.PubsubName, request.Topic, entry.Event.ToByteArray(),
                    entry.ContentType, metadata, context.RequestHeaders.GetValue("traceparent"), context.RequestHeaders.GetValue("tracestate")),
                    context.CancellationToken).ConfigureAwait(false);
            }
            catch (DaprApiException ex) when (ex.HttpStatus >= 500)
            {
                response.FailedEntries.Add(new BulkPublishResponseFailedEntry { EntryId = entry.EntryId, Error = ex.Message });
            }
        }
        return response;
    }

    public override async Task<GetStateResponse> GetState(GetStateRequest request, ServerCallContext context)
    {
        var entry = await sidecar.State.GetAsync(request.StoreName, request.Key, context.CancellationToken).ConfigureAwait(false);
        return entry is null
            ? new GetStateResponse()
            : new GetStateResponse { Data = ByteString.CopyFrom(entry.Value), Etag = entry.Etag };
    }

    public override async Task<GetBulkStateResponse> GetBulkState(GetBulkStateRequest request, ServerCallContext context)
    {
        var response = new GetBulkStateResponse();
        foreach (var key in request.Keys)
        {
            var entry = await sidecar.State.GetAsync(request.StoreName, key, context.CancellationToken).ConfigureAwait(false);
            response.Items.Add(entry is null
                ? new BulkStateItem { Key = key }
                : new BulkStateItem { Key = key, Data = ByteString.CopyFrom(entry.Value), Etag = entry.Etag });
        }
        return response;
    }

    public override async Task<Empty> SaveState(SaveStateRequest request, ServerCallContext context)
    {
        await sidecar.State.SaveAsync(request.StoreName, request.States.Select(s => ToUpsert(s)).ToList(), context.CancellationToken).ConfigureAwait(false);
        return new Empty();
    }

    public override async Task<Empty> DeleteState(DeleteStateRequest request, ServerCallContext context)
    {
        await sidecar.State.DeleteAsync(request.StoreName,
            [new StateDelete(request.Key, request.Etag?.Value, IsFirstWrite(request.Options), new Dictionary<string, string>(request.Metadata))],
            context.CancellationToken).ConfigureAwait(false);
        return new Empty();
    }

    public override async Task<Empty> DeleteBulkState(DeleteBulkStateRequest request, ServerCallContext context)
    {
        await sidecar.State.DeleteAsync(request.StoreName, request.States
            .Select(s => new StateDelete(s.Key, s.Etag?.Value, IsFirstWrite(s.Options), new Dictionary<string, string>(s.Metadata)))
            .ToList(), context.CancellationToken).ConfigureAwait(false);
        return new Empty();
    }

    public override async Task<Empty> ExecuteStateTransaction(ExecuteStateTransactionRequest request, ServerCallContext context)
    {
        var operations = request.Operations.Select(op => op.OperationType switch
        {
            "upsert" => (StateOperation)ToUpsert(op.Request),
            "delete" => new StateDelete(op.Request.Key, op.Request.Etag?.Value, IsFirstWrite(op.Request.Options), new Dictionary<string, string>(op.Request.Metadata)),
            _ => throw DaprApiException.MalformedRequest($"operation type {op.OperationType} not supported"),
        }).ToList();
        await sidecar.State.TransactAsync(request.StoreName, operations, context.CancellationToken).ConfigureAwait(false);
        return new Empty();
    }

    public override Task<GetSecretResponse> GetSecret(GetSecretRequest request, ServerCallContext context)
    {
        var response = new GetSecretResponse();
        response.Data.Add(new Dictionary<string, string>(SidecarSecrets.Get(sidecar, request.StoreName, request.Key)));
        return Task.FromResult(response);
    }

    public override Task<GetBulkSecretResponse> GetBulkSecret(GetBulkSecretRequest request, ServerCallContext context)
    {
        var response = new GetBulkSecretResponse();
        foreach (var (key, values) in SidecarSecrets.GetBulk(sidecar, request.StoreName))
        {
            var secret = new SecretResponse();
            secret.Secrets.Add(new Dictionary<string, string>(values));
            response.Data[key] = secret;
        }
        return Task.FromResult(response);
    }

    public override async Task<InvokeBindingResponse> InvokeBinding(InvokeBindingRequest request, ServerCallContext context)
    {
        var metadata = request.Metadata.Where(m => !m.Key.EndsWith("-bin", StringComparison.Ordinal)).ToDictionary(m => m.Key, m => m.Value);
        var result = await SidecarBindings.InvokeAsync(sidecar, request.Name, request.Operation, request.Data.ToByteArray(), metadata, context.CancellationToken).ConfigureAwait(false);
        var response = new InvokeBindingResponse { Data = ByteString.CopyFrom(result.Data) };
        response.Metadata.Add(new Dictionary<string, string>(result.Metadata));
        return response;
    }

    public override Task<GetMetadataResponse> GetMetadata(GetMetadataRequest request, ServerCallContext context)
    {
        var response = new GetMetadataResponse { Id = sidecar.AppId, RuntimeVersion = SidecarMetadata.RuntimeVersion };
        response.EnabledFeatures.Add(sidecar.Resources.Configuration.EnabledFeatures);
        var active = sidecar.Cluster.Actors.ActiveActors(sidecar);
        var runtime = new ActorRuntime { HostReady = true, RuntimeStatus = ActorRuntime.Types.ActorRuntimeStatus.Running, Placement = "placement: connected" };
        foreach (var type in sidecar.Cluster.Actors.HostedTypes(sidecar))
        {
            var count = new ActiveActorsCount { Type = type, Count = active.GetValueOrDefault(type) };
            runtime.ActiveActors.Add(count);
#pragma warning disable CS0612 // The SDK 1.19 still reads the deprecated field.
            response.ActiveActorsCount.Add(count);
#pragma warning restore CS0612
        }
        response.ActorRuntime = runtime;
        response.Workflows = new MetadataWorkflows { ConnectedWorkers = sidecar.Workflows.ConnectedWorkers };
        foreach (var (resource, capabilities) in sidecar.Components.Registered)
        {
            var component = new RegisteredComponents { Name = resource.Name, Type = resource.Type, Version = resource.Version };
            component.Capabilities.Add(capabilities);
            response.RegisteredComponents.Add(component);
        }
        response.ExtendedMetadata.Add(new Dictionary<string, string>(sidecar.ExtendedMetadata));
        foreach (var subscription in sidecar.PubSub.Subscriptions)
        {
            var rules = new PubsubSubscriptionRules();
            rules.Rules.Add(subscription.Rules.Select(r => new PubsubSubscriptionRule { Match = r.Match ?? "", Path = r.Path }));
            var item = new PubsubSubscription
            {
                PubsubName = subscription.PubsubName,
                Topic = subscription.Topic,
                Rules = rules,
                DeadLetterTopic = subscription.DeadLetterTopic ?? "",
            };
            item.Metadata.Add(new Dictionary<string, string>(subscription.Metadata));
            response.Subscriptions.Add(item);
        }
        response.AppConnectionProperties = new AppConnectionProperties
        {
            Port = sidecar.Options.AppPort,
            Protocol = "http",
            ChannelAddress = sidecar.Options.AppChannelAddress,
        };
        return Task.FromResult(response);
    }

    public override Task<Empty> SetMetadata(SetMetadataRequest request, ServerCallContext context)
    {
        sidecar.SetExtendedMetadata(request.Key, request.Value);
        return Task.FromResult(new Empty());
    }

    private static StateUpsert ToUpsert(StateItem item) => new(
        item.Key, item.Value.ToByteArray(), item.Etag?.Value, IsFirstWrite(item.Options), new Dictionary<string, string>(item.Metadata));

    private static bool IsFirstWrite(StateOptions? options) =>
        options?.Concurrency == StateOptions.Types.StateConcurrency.ConcurrencyFirstWrite;
}
