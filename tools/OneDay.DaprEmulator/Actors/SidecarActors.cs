using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OneDay.DaprEmulator.Hosting;
using OneDay.DaprEmulator.Http;
using OneDay.DaprEmulator.State;

namespace OneDay.DaprEmulator.Actors;

/// <summary>
/// One sidecar's actor API (dapr pkg/api/http/actors.go, pkg/actors/targets/app/app.go;
/// docs/dapr-sidecar.md §A.4, §C.3): method calls go to the hosting app as PUT whatever the caller's verb;
/// any answer other than 200 becomes daprd's 500 ERR_ACTOR_INVOKE_METHOD, a 200 carrying
/// X-DaprErrorResponseHeader passes through as it is; actor state lives in the app's actor state store
/// under "{appId}||{type}||{id}||{key}".
/// </summary>
public sealed class SidecarActors(Sidecar sidecar)
{
    /// <summary>Reads `/dapr/config` and registers the app's actor types with the placement.</summary>
    public async Task LoadAppConfigAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "dapr/config");
        request.Headers.TryAddWithoutValidation("dapr-app-id", sidecar.AppId);
        using var response = await sidecar.App!.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode) return;
        var config = ActorRuntimeConfig.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        if (config.Entities.Count == 0) return;
        if (sidecar.Components.ActorStateStore is null)
        {
            sidecar.Logger.LogError("app {AppId} hosts actors but no state store has actorStateStore: \"true\"", sidecar.AppId);
            return;
        }
        sidecar.Cluster.Actors.Register(sidecar, config);
        await sidecar.Cluster.Actors.LoadRemindersAsync(config.Entities, sidecar.Components.ActorStateStore.Store, cancellationToken).ConfigureAwait(false);
        sidecar.Logger.LogInformation("app {AppId} hosts actor types {Types}", sidecar.AppId, string.Join(", ", config.Entities));
    }

    public async Task InvokeMethodAsync(HttpContext context, ActorKey actor, string method)
    {
        var payload = await HttpForwarding.ReadBodyAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        var headers = HttpForwarding.ForwardedHeaders(context.Request);
        var reentrancyId = context.Request.Headers["Dapr-Reentrancy-Id"].FirstOrDefault();
        HttpResponseMessage response;
        try
        {
            response = await sidecar.Cluster.Actors.CallAsync(actor, reentrancyId, _ =>
            {
                var request = new HttpRequestMessage(HttpMethod.Put, $"actors/{actor.Type}/{actor.Id}/method/{method}")
                {
                    Content = new ByteArrayContent(payload),
                };
                HttpForwarding.AddHeaders(request, headers);
                return request;
            }, context.RequestAborted).ConfigureAwait(false);
        }
        catch (ActorHostNotFoundException ex)
        {
            await HttpForwarding.WriteErrorAsync(context, 500, "ERR_ACTOR_INVOKE_METHOD", ex.Message).ConfigureAwait(false);
            return;
        }
        catch (HttpRequestException ex)
        {
            await HttpForwarding.WriteErrorAsync(context, 500, "ERR_ACTOR_INVOKE_METHOD", $"error invoke actor method: {ex.Message}").ConfigureAwait(false);
            return;
        }

        using (response)
        {
            if (response.StatusCode != HttpStatusCode.OK)
            {
                var text = await response.Content.ReadAsStringAsync(context.RequestAborted).ConfigureAwait(false);
                var message = response.StatusCode == HttpStatusCode.NotFound
                    ? $"error invoke actor method: actor method not found: ({(int)response.StatusCode}) {text}"
                    : $"error invoke actor method: error from actor service: ({(int)response.StatusCode}) {text}";
                await HttpForwarding.WriteErrorAsync(context, 500, "ERR_ACTOR_INVOKE_METHOD", message).ConfigureAwait(false);
                return;
            }
            await HttpForwarding.WriteResponseAsync(response, context).ConfigureAwait(false);
        }
    }

    public async Task<IResult> GetStateAsync(ActorKey actor, string key, CancellationToken cancellationToken)
    {
        var store = ActorStore();
        var entry = await store.Store.GetAsync(StateKey(actor, key), cancellationToken).ConfigureAwait(false);
        return entry is null ? Results.NoContent() : Results.Bytes(entry.Value, "application/json");
    }

    public async Task<IResult> TransactStateAsync(HttpContext context, ActorKey actor)
    {
        var store = ActorStore();
        var operations = new List<StateOperation>();
        var json = await new StreamReader(context.Request.Body, Encoding.UTF8).ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        if (JsonNode.Parse(json) is not JsonArray items) throw DaprApiException.MalformedRequest("actor state transaction must be a JSON array");
        foreach (var item in items)
        {
            var operation = item?["operation"]?.GetValue<string>();
            var request = item?["request"] as JsonObject ?? throw DaprApiException.MalformedRequest("missing request");
            var key = StateKey(actor, request["key"]?.GetValue<string>() ?? throw DaprApiException.MalformedRequest("missing key"));
            var metadata = (request["metadata"] as JsonObject)?.ToDictionary(kv => kv.Key, kv => kv.Value?.ToString() ?? "") ?? [];
            operations.Add(operation switch
            {
                "upsert" => new StateUpsert(key, Encoding.UTF8.GetBytes(request["value"]?.ToJsonString() ?? "null"), null, false, metadata),
                "delete" => new StateDelete(key, null, false, metadata),
                _ => throw DaprApiException.MalformedRequest($"unknown operation '{operation}'"),
            });
        }
        await store.Store.TransactAsync(operations, context.RequestAborted).ConfigureAwait(false);
        return Results.NoContent();
    }

    public async Task<IResult> SetReminderOrTimerAsync(HttpContext context, ActorKey actor, string name, bool timer)
    {
        var json = await new StreamReader(context.Request.Body, Encoding.UTF8).ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        ActorTimerRequest request;
        try
        {
            request = ActorTimerRequest.Parse(json);
            if (timer) sidecar.Cluster.Actors.SetTimer(actor, name, request);
            else await sidecar.Cluster.Actors.SetReminderAsync(actor, name, request, ActorStore().Store, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            throw DaprApiException.MalformedRequest(ex.Message);
        }
        catch (ActorHostNotFoundException ex)
        {
            throw new DaprApiException(500, Grpc.Core.StatusCode.Internal, timer ? "ERR_ACTOR_TIMER_CREATE" : "ERR_ACTOR_REMINDER_CREATE", ex.Message);
        }
        return Results.NoContent();
    }

    public async Task<IResult> DeleteReminderAsync(ActorKey actor, string name, CancellationToken cancellationToken)
    {
        await sidecar.Cluster.Actors.DeleteReminderAsync(actor, name, ActorStore().Store, cancellationToken).ConfigureAwait(false);
        return Results.NoContent();
    }

    /// <summary>
    /// A reminder as registered; one that does not exist is 200 with an empty object, as daprd 1.16 answers
    /// (pkg/actors/internal/reminders/storage/scheduler/scheduler.go, Get), which the .NET SDK reads as null.
    /// </summary>
    public IResult GetReminder(ActorKey actor, string name)
    {
        if (sidecar.Cluster.Actors.GetReminder(actor, name) is not { } reminder) return Results.Content("{}", "application/json");
        var body = new JsonObject { ["dueTime"] = reminder.DueTime, ["period"] = reminder.Period };
        if (reminder.Data is not null) body["data"] = reminder.Data.DeepClone();
        return Results.Content(body.ToJsonString(), "application/json");
    }

    private StateStoreComponent ActorStore() =>
        sidecar.Components.ActorStateStore
        ?? throw new DaprApiException(500, Grpc.Core.StatusCode.Internal, "ERR_ACTOR_RUNTIME_NOT_FOUND",
            "the state store is not configured to use the actor runtime. Have you set the - name: actorStateStore value: \"true\" in your state store component file?");

    private string StateKey(ActorKey actor, string key) => $"{sidecar.AppId}||{actor.Type}||{actor.Id}||{key}";
}
