using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using OneDay.DaprEmulator.Hosting;
using OneDay.DaprEmulator.State;

namespace OneDay.DaprEmulator.Actors;

/// <summary>
/// The placement and scheduler services of a Dapr installation, for the emulator's sidecars: which
/// sidecar hosts an actor id (hash of the id over the sidecars hosting the type), turn-based concurrency
/// (one call at a time per actor id; a call carrying the current turn's Dapr-Reentrancy-Id passes when
/// the type is reentrant), idle deactivation (DELETE actors/{type}/{id} after actorIdleTimeout; timers
/// die with the activation), and reminders, which belong to the cluster and therefore outlive an app
/// restart: a reminder whose call fails is tried again until the app answers.
/// </summary>
public sealed class ActorPlacement : IAsyncDisposable
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private readonly EmulatorCluster _cluster;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<Sidecar, ActorRuntimeConfig> _hosts = [];
    private readonly ConcurrentDictionary<ActorKey, Activation> _activations = new();
    private readonly ConcurrentDictionary<(ActorKey Actor, string Name), Reminder> _reminders = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _scheduler;

    public ActorPlacement(EmulatorCluster cluster)
    {
        _cluster = cluster;
        _logger = cluster.LoggerFactory.CreateLogger("placement");
        _scheduler = Task.Run(RunSchedulerAsync);
    }

    public void Register(Sidecar host, ActorRuntimeConfig config)
    {
        if (config.Entities.Count == 0) return;
        lock (_gate) _hosts[host] = config;
    }

    public void Unregister(Sidecar host)
    {
        lock (_gate) _hosts.Remove(host);
        foreach (var (key, activation) in _activations)
        {
            if (activation.Host == host) _activations.TryRemove(key, out _);
        }
    }

    public IReadOnlyDictionary<string, int> ActiveActors(Sidecar host) =>
        _activations.Values.Where(a => a.Host == host).GroupBy(a => a.Key.Type).ToDictionary(g => g.Key, g => g.Count());

    public IReadOnlyList<string> HostedTypes(Sidecar host)
    {
        lock (_gate) return _hosts.TryGetValue(host, out var config) ? config.Entities : [];
    }

    /// <summary>Whether an app beside one of this process's sidecars hosts <paramref name="actorType"/>.</summary>
    public bool IsHosted(string actorType)
    {
        lock (_gate) return _hosts.Values.Any(config => config.Entities.Contains(actorType));
    }

    /// <summary>The sidecar hosting <paramref name="actor"/>, or null when no app hosts its type.</summary>
    public Sidecar? Locate(ActorKey actor)
    {
        if (_activations.TryGetValue(actor, out var active)) return active.Host;
        lock (_gate)
        {
            var hosts = _hosts.Where(h => h.Value.Entities.Contains(actor.Type)).Select(h => h.Key)
                .OrderBy(h => h.HttpPort).ToList();
            if (hosts.Count == 0) return null;
            var hash = 0u;
            foreach (var c in actor.Id) hash = hash * 31 + c;
            return hosts[(int)(hash % (uint)hosts.Count)];
        }
    }

    /// <summary>Runs <paramref name="call"/> against the actor's app in the actor's turn.</summary>
    public async Task<HttpResponseMessage> CallAsync(ActorKey actor, string? reentrancyId, Func<Sidecar, HttpRequestMessage> call, CancellationToken cancellationToken)
    {
        var host = Locate(actor) ?? throw new ActorHostNotFoundException(actor);
        var activation = _activations.GetOrAdd(actor, key => new Activation(key, host, _cluster.Time.GetUtcNow()));
        var settings = HostConfig(host).For(actor.Type);
        // A call to a reentrant type that comes without an id gets one, sent to the app, so that the actor's
        // calls back into itself carry it and pass its own lock (dapr pkg/actors/targets/app/lock/lock.go, idFromRequest).
        if (settings.Reentrant) reentrancyId ??= Guid.NewGuid().ToString();
        var reentrant = settings.Reentrant && activation.ReentrancyId == reentrancyId;
        if (!reentrant) await activation.Turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!reentrant) activation.ReentrancyId = reentrancyId;
            activation.Busy++;
            using var request = call(host);
            if (settings.Reentrant && !request.Headers.Contains("Dapr-Reentrancy-Id")) request.Headers.TryAddWithoutValidation("Dapr-Reentrancy-Id", reentrancyId);
            return await host.App!.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            activation.Busy--;
            activation.LastUsed = _cluster.Time.GetUtcNow();
            if (!reentrant)
            {
                activation.ReentrancyId = null;
                activation.Turn.Release();
            }
        }
    }

    /// <summary>Registers a reminder, kept in <paramref name="store"/> (the actor state store) so that it outlives the emulator.</summary>
    public async Task SetReminderAsync(ActorKey actor, string name, ActorTimerRequest request, IStateStore store, CancellationToken cancellationToken)
    {
        var registered = _cluster.Time.GetUtcNow();
        var reminder = new Reminder(actor, name, request, ActorSchedule.Parse(request.DueTime, request.Period, request.Ttl, registered), registered, store);
        await reminder.SaveAsync(cancellationToken).ConfigureAwait(false);
        _reminders[(actor, name)] = reminder;
    }

    public ActorTimerRequest? GetReminder(ActorKey actor, string name) =>
        _reminders.TryGetValue((actor, name), out var reminder) ? reminder.Request : null;

    public async Task DeleteReminderAsync(ActorKey actor, string name, IStateStore store, CancellationToken cancellationToken)
    {
        _reminders.TryRemove((actor, name), out _);
        await store.TransactAsync([new StateDelete(Reminder.KeyOf(actor, name), null, false, NoMetadata)], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Takes up the reminders of <paramref name="actorTypes"/> kept in <paramref name="store"/>, as a restarted
    /// emulator must: each fires at its next due time, at once when that has passed while nothing ran.
    /// </summary>
    public async Task LoadRemindersAsync(IReadOnlyList<string> actorTypes, IStateStore store, CancellationToken cancellationToken)
    {
        foreach (var type in actorTypes)
        {
            foreach (var key in await store.KeysAsync(Reminder.KeyOf(new ActorKey(type, ""), "")[..^2], cancellationToken).ConfigureAwait(false))
            {
                if (await store.GetAsync(key, cancellationToken).ConfigureAwait(false) is not { } entry) continue;
                try
                {
                    var reminder = Reminder.Restore(entry.Value, store);
                    _reminders.TryAdd((reminder.Actor, reminder.Name), reminder);
                }
                catch (Exception ex) when (ex is JsonException or FormatException)
                {
                    _logger.LogWarning("reminder {Key} cannot be read and is skipped: {Error}", key, ex.Message);
                }
            }
        }
    }

    public void SetTimer(ActorKey actor, string name, ActorTimerRequest request)
    {
        var host = Locate(actor) ?? throw new ActorHostNotFoundException(actor);
        var activation = _activations.GetOrAdd(actor, key => new Activation(key, host, _cluster.Time.GetUtcNow()));
        var now = _cluster.Time.GetUtcNow();
        activation.Timers[name] = new Reminder(actor, name, request, ActorSchedule.Parse(request.DueTime, request.Period, request.Ttl, now), now, store: null);
    }

    public bool DeleteTimer(ActorKey actor, string name) =>
        _activations.TryGetValue(actor, out var activation) && activation.Timers.TryRemove(name, out _);

    private ActorRuntimeConfig HostConfig(Sidecar host)
    {
        lock (_gate) return _hosts.GetValueOrDefault(host) ?? ActorRuntimeConfig.Empty;
    }

    private async Task RunSchedulerAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50), _cluster.Time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
            {
                var now = _cluster.Time.GetUtcNow();
                foreach (var reminder in _reminders.Values.Where(r => r.IsDue(now))) FireInBackground(reminder, isTimer: false);
                foreach (var activation in _activations.Values)
                {
                    foreach (var timerEntry in activation.Timers.Values.Where(t => t.IsDue(now))) FireInBackground(timerEntry, isTimer: true);
                    if (activation.Busy == 0 && now - activation.LastUsed >= HostConfig(activation.Host).For(activation.Key.Type).IdleTimeout)
                    {
                        _ = DeactivateAsync(activation);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Emulator stopping.
        }
    }

    private void FireInBackground(Reminder reminder, bool isTimer)
    {
        reminder.Firing = true;
        _ = Task.Run(async () =>
        {
            try
            {
                await FireAsync(reminder, isTimer).ConfigureAwait(false);
            }
            finally
            {
                reminder.Firing = false;
            }
        });
    }

    private async Task FireAsync(Reminder reminder, bool isTimer)
    {
        var now = _cluster.Time.GetUtcNow();
        if (reminder.Schedule.ExpiresAt is { } expiry && now >= expiry)
        {
            await ForgetAsync(reminder, isTimer).ConfigureAwait(false);
            return;
        }
        var body = new JsonObject
        {
            ["dueTime"] = reminder.Request.DueTime ?? "",
            ["period"] = reminder.Request.Period ?? "",
        };
        if (reminder.Request.Data is not null) body["data"] = reminder.Request.Data.DeepClone();
        if (isTimer) body["callback"] = reminder.Request.Callback ?? "";
        var path = $"actors/{reminder.Actor.Type}/{reminder.Actor.Id}/method/{(isTimer ? "timer" : "remind")}/{reminder.Name}";
        try
        {
            using var response = await CallAsync(reminder.Actor, null, _ => new HttpRequestMessage(HttpMethod.Put, path)
            {
                Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
            }, _stopping.Token).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK) throw new HttpRequestException($"actor answered {(int)response.StatusCode}");
            var cancel = response.Headers.TryGetValues("X-DaprReminderCancel", out var values) && values.Any(v => v.Equals("true", StringComparison.OrdinalIgnoreCase));
            if (cancel || !reminder.Advance())
            {
                await ForgetAsync(reminder, isTimer).ConfigureAwait(false);
            }
            else
            {
                // A crash between the call and this save fires it once more on restart: at least once, as daprd.
                await reminder.SaveAsync(_stopping.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (!_stopping.IsCancellationRequested)
        {
            _logger.LogWarning("{Kind} {Name} of {Type}/{Id} failed, retrying: {Error}", isTimer ? "timer" : "reminder", reminder.Name, reminder.Actor.Type, reminder.Actor.Id, ex.Message);
            reminder.NextFire = _cluster.Time.GetUtcNow() + RetryDelay;
        }
    }

    private async Task ForgetAsync(Reminder reminder, bool isTimer)
    {
        if (isTimer)
        {
            if (_activations.TryGetValue(reminder.Actor, out var activation)) activation.Timers.TryRemove(new KeyValuePair<string, Reminder>(reminder.Name, reminder));
        }
        else if (_reminders.TryRemove(new KeyValuePair<(ActorKey, string), Reminder>((reminder.Actor, reminder.Name), reminder)))
        {
            await reminder.DeleteAsync(_stopping.Token).ConfigureAwait(false);
        }
    }

    private async Task DeactivateAsync(Activation activation)
    {
        if (!await activation.Turn.WaitAsync(0).ConfigureAwait(false)) return;
        try
        {
            if (!_activations.TryRemove(new KeyValuePair<ActorKey, Activation>(activation.Key, activation))) return;
            using var request = new HttpRequestMessage(HttpMethod.Delete, $"actors/{activation.Key.Type}/{activation.Key.Id}");
            using var response = await activation.Host.App!.SendAsync(request, _stopping.Token).ConfigureAwait(false);
            _logger.LogDebug("deactivated {Type}/{Id}: {Status}", activation.Key.Type, activation.Key.Id, (int)response.StatusCode);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            _logger.LogDebug("deactivating {Type}/{Id} failed: {Error}", activation.Key.Type, activation.Key.Id, ex.Message);
        }
        finally
        {
            activation.Turn.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _scheduler.ConfigureAwait(false);
        _stopping.Dispose();
    }

    private sealed class Activation(ActorKey key, Sidecar host, DateTimeOffset now)
    {
        public ActorKey Key { get; } = key;
        public Sidecar Host { get; } = host;
        public SemaphoreSlim Turn { get; } = new(1, 1);
        public ConcurrentDictionary<string, Reminder> Timers { get; } = new(StringComparer.Ordinal);
        public string? ReentrancyId { get; set; }
        public DateTimeOffset LastUsed { get; set; } = now;
        public int Busy { get; set; }
    }

    private static readonly IReadOnlyDictionary<string, string> NoMetadata = new Dictionary<string, string>();

    /// <summary>A reminder or timer; a reminder also lives in its actor state store (timers die with the activation).</summary>
    private sealed class Reminder(ActorKey actor, string name, ActorTimerRequest request, ActorSchedule schedule, DateTimeOffset registered, IStateStore? store)
    {
        private int _fired;

        public ActorKey Actor { get; } = actor;
        public string Name { get; } = name;
        public ActorTimerRequest Request { get; } = request;
        public ActorSchedule Schedule { get; } = schedule;
        public DateTimeOffset NextFire { get; set; } = schedule.FirstFire;
        public volatile bool Firing;

        public static string KeyOf(ActorKey actor, string name) => $"dapr-emulator||reminders||{actor.Type}||{actor.Id}||{name}";

        public Task SaveAsync(CancellationToken cancellationToken)
        {
            if (store is null) return Task.CompletedTask;
            var record = new StoredReminder(Actor.Type, Actor.Id, Name, Request.DueTime, Request.Period, Request.Ttl, Request.Data?.ToJsonString(), registered, NextFire, _fired);
            return store.TransactAsync([new StateUpsert(KeyOf(Actor, Name), JsonSerializer.SerializeToUtf8Bytes(record), null, false, NoMetadata)], cancellationToken);
        }

        public Task DeleteAsync(CancellationToken cancellationToken) =>
            store?.TransactAsync([new StateDelete(KeyOf(Actor, Name), null, false, NoMetadata)], cancellationToken) ?? Task.CompletedTask;

        public static Reminder Restore(byte[] stored, IStateStore store)
        {
            var record = JsonSerializer.Deserialize<StoredReminder>(stored) ?? throw new JsonException("empty reminder");
            var request = new ActorTimerRequest(record.DueTime, record.Period, record.Ttl, record.Data is null ? null : JsonNode.Parse(record.Data), null);
            // The schedule is worked out from the registration time, so it is the one the app asked for.
            var schedule = ActorSchedule.Parse(record.DueTime, record.Period, record.Ttl, record.Registered);
            return new Reminder(new ActorKey(record.ActorType, record.ActorId), record.Name, request, schedule, record.Registered, store)
            {
                NextFire = record.NextFire,
                _fired = record.Fired,
            };
        }

        public bool IsDue(DateTimeOffset now) => !Firing && NextFire <= now;

        /// <summary>Moves to the next occurrence; false when there is none.</summary>
        public bool Advance()
        {
            _fired++;
            if (Schedule.Period is not { } period) return false;
            if (Schedule.Repetitions is { } limit && _fired >= limit) return false;
            NextFire += period;
            return true;
        }
    }
}

public readonly record struct ActorKey(string Type, string Id);

/// <summary>A reminder as kept in the actor state store.</summary>
internal sealed record StoredReminder(string ActorType, string ActorId, string Name, string? DueTime, string? Period, string? Ttl, string? Data,
    DateTimeOffset Registered, DateTimeOffset NextFire, int Fired);

/// <summary>A reminder or timer as registered; strings are echoed back to the app exactly (§A.4).</summary>
public sealed record ActorTimerRequest(string? DueTime, string? Period, string? Ttl, JsonNode? Data, string? Callback)
{
    public static ActorTimerRequest Parse(string json)
    {
        var node = string.IsNullOrWhiteSpace(json) ? new JsonObject() : JsonNode.Parse(json) as JsonObject ?? throw new JsonException("expected a JSON object");
        static string? Text(JsonObject o, string name) => o[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : o[name]?.ToJsonString();
        return new ActorTimerRequest(Text(node, "dueTime"), Text(node, "period"), Text(node, "ttl"), node["data"]?.DeepClone(), Text(node, "callback"));
    }
}

public sealed class ActorHostNotFoundException(ActorKey actor)
    : Exception($"failed to lookup actor: did not find address for actor {actor.Type}/{actor.Id}");
