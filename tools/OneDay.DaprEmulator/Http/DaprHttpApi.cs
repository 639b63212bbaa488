using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OneDay.DaprEmulator.Actors;
using OneDay.DaprEmulator.Bindings;
using OneDay.DaprEmulator.Hosting;
using OneDay.DaprEmulator.PubSub;
using OneDay.DaprEmulator.Secrets;
using OneDay.DaprEmulator.State;
using OneDay.DaprEmulator.Workflows;

namespace OneDay.DaprEmulator.Http;

/// <summary>daprd's HTTP API (dapr pkg/api/http), the parts OneDay and the .NET SDK use.</summary>
public static class DaprHttpApi
{
    /// <summary>
    /// Before routing, as daprd's middlewares: collapse "//" (the actor SDK sends "//v1.0/actors/…"),
    /// check `dapr-api-token` (health endpoints exempt, 401 "invalid api token"), and treat any request
    /// with a `dapr-app-id` header as service invocation of its whole path. API errors become
    /// {"errorCode","message"} with daprd's status.
    /// </summary>
    public static void UseDaprHttpPipeline(this WebApplication app, Sidecar sidecar)
    {
        app.Use(async (context, next) =>
        {
            if (context.Connection.LocalPort == sidecar.GrpcPort)
            {
                await next(context).ConfigureAwait(false);
                return;
            }
            var path = context.Request.Path.Value ?? "/";
            while (path.Contains("//", StringComparison.Ordinal)) path = path.Replace("//", "/", StringComparison.Ordinal);
            context.Request.Path = path;

            // A sidecar of another emulator process shows the token from this sidecar's directory entry.
            var fromPeer = context.Request.Headers[SidecarDirectory.PeerHeader].ToString() is { Length: > 0 } peerToken && peerToken == sidecar.PeerToken;
            context.Request.Headers.Remove(SidecarDirectory.PeerHeader);
            if (fromPeer) context.Items[SidecarDirectory.PeerHeader] = true;
            if (sidecar.Options.DaprApiToken is { } token && !fromPeer && !IsHealthPath(path))
            {
                if (context.Request.Headers["dapr-api-token"].ToString() != token)
                {
                    context.Response.StatusCode = 401;
                    context.Response.ContentType = "text/plain";
                    await context.Response.WriteAsync("invalid api token", context.RequestAborted).ConfigureAwait(false);
                    return;
                }
            }
            context.Request.Headers.Remove("dapr-api-token");

            try
            {
                if (!fromPeer && ActorIn(path) is var (actorType, actorId) && !sidecar.Cluster.Actors.IsHosted(actorType) &&
                    await sidecar.Cluster.Directory.FindActorHostAsync(sidecar, actorType, actorId).ConfigureAwait(false) is { } host)
                {
                    await PeerForwarding.ForwardActorCallAsync(context, sidecar.Cluster.Directory, host).ConfigureAwait(false);
                    return;
                }
                if (context.Request.Headers["dapr-app-id"].FirstOrDefault() is { Length: > 0 } target &&
                    !path.StartsWith("/v1.0/invoke/", StringComparison.Ordinal))
                {
                    await sidecar.Invocation.InvokeAsync(context, target, path).ConfigureAwait(false);
                    return;
                }
                await next(context).ConfigureAwait(false);
            }
            catch (DaprApiException ex) when (!context.Response.HasStarted)
            {
                await HttpForwarding.WriteErrorAsync(context, ex.HttpStatus, ex.ErrorCode, ex.Message).ConfigureAwait(false);
            }
            catch (JsonException ex) when (!context.Response.HasStarted)
            {
                await HttpForwarding.WriteErrorAsync(context, 400, "ERR_MALFORMED_REQUEST", ex.Message).ConfigureAwait(false);
            }
        });
        app.UseRouting();
    }

    /// <summary>The actor of an actor API path, `/v1.0/actors/{type}/{id}/…`.</summary>
    private static (string Type, string Id)? ActorIn(string path) =>
        path.Split('/') is ["", "v1.0", "actors", { Length: > 0 } type, { Length: > 0 } id, _, ..] ? (type, id) : null;

    private static bool IsHealthPath(string path) => path.TrimEnd('/') is "/v1.0/healthz" or "/v1.0/healthz/outbound";

    public static void MapDaprHttpApi(this IEndpointRouteBuilder app, Sidecar sidecar)
    {
        var v1 = app.MapGroup("/v1.0");
        v1.MapGet("/healthz", (HttpContext context) =>
        {
            var appId = context.Request.Query["appid"].FirstOrDefault();
            if (appId is not null && appId != sidecar.AppId)
            {
                throw new DaprApiException(500, Grpc.Core.StatusCode.Internal, "ERR_HEALTH_APPID_NOT_MATCH", "dapr app-id does not match");
            }
            return sidecar.IsReady
                ? Results.NoContent()
                : Results.Json(new { errorCode = "ERR_HEALTH_NOT_READY", message = "dapr is not ready" }, statusCode: 500);
        });
        v1.MapGet("/healthz/outbound", () => Results.NoContent());
        v1.MapGet("/metadata", () => Results.Json(SidecarMetadata.Describe(sidecar)));
        v1.MapPut("/metadata/{key}", async (HttpContext context, string key) =>
        {
            sidecar.SetExtendedMetadata(key, await ReadTextAsync(context).ConfigureAwait(false));
            return Results.NoContent();
        });

        v1.Map("/invoke/{appId}/method/{**method}", (HttpContext context, string appId, string? method) =>
            sidecar.Invocation.InvokeAsync(context, appId, method ?? ""));

        v1.MapPost("/publish/{pubsub}/{**topic}", async (HttpContext context, string pubsub, string? topic) =>
        {
            await sidecar.PubSub.PublishAsync(new PublishRequest(pubsub, topic ?? "", await ReadBytesAsync(context).ConfigureAwait(false),
                context.Request.ContentType, QueryMetadata(context), context.Request.Headers["traceparent"].FirstOrDefault(),
                context.Request.Headers["tracestate"].FirstOrDefault()), context.RequestAborted).ConfigureAwait(false);
            return Results.NoContent();
        });

        MapState(v1, sidecar);
        MapSecrets(v1, sidecar);

        v1.MapMethods("/bindings/{name}", ["POST", "PUT"], async (HttpContext context, string name) =>
        {
            var body = JsonNode.Parse(await ReadTextAsync(context).ConfigureAwait(false)) as JsonObject
                       ?? throw DaprApiException.MalformedRequest("the binding request must be a JSON object");
            var data = body["data"] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : body["data"]?.ToJsonString() ?? "";
            var result = await SidecarBindings.InvokeAsync(sidecar, name, body["operation"]?.GetValue<string>() ?? "",
                Encoding.UTF8.GetBytes(data), ToDictionary(body["metadata"] as JsonObject), context.RequestAborted).ConfigureAwait(false);
            foreach (var (key, value) in result.Metadata) context.Response.Headers["Metadata." + key] = value;
            return result.Data.Length == 0 ? Results.NoContent() : Results.Bytes(result.Data);
        });

        MapActors(v1, sidecar);
        app.MapWorkflowHttpApi(sidecar);
    }

    private static void MapState(RouteGroupBuilder v1, Sidecar sidecar)
    {
        v1.MapGet("/state/{store}/{key}", async (HttpContext context, string store, string key) =>
        {
            var entry = await sidecar.State.GetAsync(store, key, context.RequestAborted).ConfigureAwait(false);
            if (entry is null) return Results.NoContent();
            context.Response.Headers.ETag = entry.Etag;
            return Results.Bytes(entry.Value, "application/json");
        });
        v1.MapPost("/state/{store}/bulk", async (HttpContext context, string store) =>
        {
            var body = JsonNode.Parse(await ReadTextAsync(context).ConfigureAwait(false));
            var keys = (body?["keys"] as JsonArray)?.Select(k => k!.GetValue<string>()).ToList() ?? [];
            var items = new List<object>(keys.Count);
            foreach (var key in keys)
            {
                var entry = await sidecar.State.GetAsync(store, key, context.RequestAborted).ConfigureAwait(false);
                items.Add(entry is null ? new { key } : new { key, data = JsonNode.Parse(entry.Value), etag = entry.Etag });
            }
            return Results.Json(items);
        });
        v1.MapPost("/state/{store}", async (HttpContext context, string store) =>
        {
            var items = JsonNode.Parse(await ReadTextAsync(context).ConfigureAwait(false)) as JsonArray
                        ?? throw DaprApiException.MalformedRequest("state save expects a JSON array");
            await sidecar.State.SaveAsync(store, items.Select(item => ToOperation("upsert", item as JsonObject)).ToList(), context.RequestAborted).ConfigureAwait(false);
            return Results.NoContent();
        });
        v1.MapDelete("/state/{store}/{key}", async (HttpContext context, string store, string key) =>
        {
            var etag = context.Request.Headers.IfMatch.FirstOrDefault();
            var firstWrite = context.Request.Query["concurrency"] == "first-write";
            await sidecar.State.DeleteAsync(store, [new StateDelete(key, etag, firstWrite, QueryMetadata(context))], context.RequestAborted).ConfigureAwait(false);
            return Results.NoContent();
        });
        v1.MapMethods("/state/{store}/transaction", ["POST", "PUT"], async (HttpContext context, string store) =>
        {
            var body = JsonNode.Parse(await ReadTextAsync(context).ConfigureAwait(false)) as JsonObject
                       ?? throw DaprApiException.MalformedRequest("a transaction must be a JSON object");
            var operations = (body["operations"] as JsonArray ?? [])
                .Select(op => ToOperation(op?["operation"]?.GetValue<string>() ?? "", op?["request"] as JsonObject))
                .ToList();
            await sidecar.State.TransactAsync(store, operations, context.RequestAborted).ConfigureAwait(false);
            return Results.NoContent();
        });
    }

    private static void MapSecrets(RouteGroupBuilder v1, Sidecar sidecar)
    {
        v1.MapGet("/secrets/{store}/bulk", (string store) => Results.Json(SidecarSecrets.GetBulk(sidecar, store)));
        v1.MapGet("/secrets/{store}/{key}", (string store, string key) => Results.Json(SidecarSecrets.Get(sidecar, store, key)));
    }

    private static void MapActors(RouteGroupBuilder v1, Sidecar sidecar)
    {
        var actors = v1.MapGroup("/actors/{type}/{id}");
        actors.MapMethods("/method/{**method}", ["GET", "POST", "PUT", "DELETE"], (HttpContext context, string type, string id, string method) =>
            sidecar.ActorApi.InvokeMethodAsync(context, new ActorKey(type, id), method));
        actors.MapGet("/state/{key}", (HttpContext context, string type, string id, string key) =>
            sidecar.ActorApi.GetStateAsync(new ActorKey(type, id), key, context.RequestAborted));
        actors.MapMethods("/state", ["POST", "PUT"], (HttpContext context, string type, string id) =>
            sidecar.ActorApi.TransactStateAsync(context, new ActorKey(type, id)));
        actors.MapMethods("/reminders/{name}", ["POST", "PUT"], (HttpContext context, string type, string id, string name) =>
            sidecar.ActorApi.SetReminderOrTimerAsync(context, new ActorKey(type, id), name, timer: false));
        actors.MapGet("/reminders/{name}", (string type, string id, string name) => sidecar.ActorApi.GetReminder(new ActorKey(type, id), name));
        actors.MapDelete("/reminders/{name}", (HttpContext context, string type, string id, string name) =>
            sidecar.ActorApi.DeleteReminderAsync(new ActorKey(type, id), name, context.RequestAborted));
        actors.MapMethods("/timers/{name}", ["POST", "PUT"], (HttpContext context, string type, string id, string name) =>
            sidecar.ActorApi.SetReminderOrTimerAsync(context, new ActorKey(type, id), name, timer: true));
        actors.MapDelete("/timers/{name}", (string type, string id, string name) =>
        {
            sidecar.Cluster.Actors.DeleteTimer(new ActorKey(type, id), name);
            return Results.NoContent();
        });
    }

    private static StateOperation ToOperation(string operation, JsonObject? request)
    {
        if (request is null) throw DaprApiException.MalformedRequest("missing state request");
        var key = request["key"]?.GetValue<string>() ?? throw DaprApiException.MalformedRequest("missing key");
        var etag = request["etag"]?.ToString();
        var firstWrite = request["options"]?["concurrency"]?.GetValue<string>() == "first-write";
        var metadata = ToDictionary(request["metadata"] as JsonObject);
        return operation switch
        {
            "upsert" => new StateUpsert(key, Encoding.UTF8.GetBytes(request["value"]?.ToJsonString() ?? "null"), etag, firstWrite, metadata),
            "delete" => new StateDelete(key, etag, firstWrite, metadata),
            _ => throw DaprApiException.MalformedRequest($"operation type {operation} not supported"),
        };
    }

    private static Dictionary<string, string> ToDictionary(JsonObject? json) =>
        json?.ToDictionary(kv => kv.Key, kv => kv.Value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : kv.Value?.ToJsonString() ?? "", StringComparer.Ordinal)
        ?? new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>`?metadata.key=value` query parameters, as daprd reads them.</summary>
    private static Dictionary<string, string> QueryMetadata(HttpContext context) =>
        context.Request.Query
            .Where(q => q.Key.StartsWith("metadata.", StringComparison.Ordinal))
            .ToDictionary(q => q.Key["metadata.".Length..], q => q.Value.ToString(), StringComparer.Ordinal);

    private static Task<byte[]> ReadBytesAsync(HttpContext context) => HttpForwarding.ReadBodyAsync(context.Request, context.RequestAborted);

    private static async Task<string> ReadTextAsync(HttpContext context) =>
        Encoding.UTF8.GetString(await ReadBytesAsync(context).ConfigureAwait(false));
}
