using Dapr.Actors;
using Dapr.Actors.Client;
using OneDay.DaprEmulator.Tests.Infrastructure;
using OneDay.DaprEmulator.Tests.TestApp;

namespace OneDay.DaprEmulator.Tests;

/// <summary>Actors through Dapr.Actors proxies: docs/dapr-sidecar.md §A.3, §A.4, §C.3.</summary>
public sealed class ActorTests : IAsyncLifetime
{
    private readonly EmulatorTestHost _host = new();
    private RunningApp _jobs = null!;

    public async Task InitializeAsync() => _jobs = await _host.StartAppAsync("jobs");

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private T Proxy<T>(string type, string id)
        where T : IActor =>
        ActorProxy.Create<T>(new ActorId(id), type, EmulatorTestHost.ActorOptions(_jobs.Sidecar));

    [Fact]
    public async Task C3_a_remoting_proxy_calls_the_actor_and_its_state_outlives_the_call()
    {
        var counter = Proxy<ICounterActor>(nameof(CounterActor), "job-1");

        await counter.IncrementAsync(2);
        var total = await counter.IncrementAsync(3);

        Assert.Equal(5, total);
        Assert.Equal(5, await counter.GetAsync());
        Assert.Equal(0, await Proxy<ICounterActor>(nameof(CounterActor), "job-2").GetAsync());
    }

    [Fact]
    public async Task C3_a_caller_in_another_app_reaches_the_actor_through_its_own_sidecar()
    {
        var other = await _host.StartSidecarOnlyAsync("gateway");
        var counter = ActorProxy.Create<ICounterActor>(new ActorId("shared"), nameof(CounterActor), EmulatorTestHost.ActorOptions(other));

        Assert.Equal(7, await counter.IncrementAsync(7));
        Assert.Equal(7, await Proxy<ICounterActor>(nameof(CounterActor), "shared").GetAsync());
    }

    [Fact]
    public async Task C3_a_non_remoting_proxy_invokes_by_method_name_with_json()
    {
        var proxy = ActorProxy.Create(new ActorId("json"), nameof(CounterActor), EmulatorTestHost.ActorOptions(_jobs.Sidecar));

        var total = await proxy.InvokeMethodAsync<int, int>(nameof(ICounterActor.IncrementAsync), 4);

        Assert.Equal(4, total);
    }

    [Fact]
    public async Task A4_concurrent_calls_to_one_actor_never_overlap_but_different_actors_run_in_parallel()
    {
        var same = Proxy<ICounterActor>(nameof(CounterActor), "busy");
        var different = Enumerable.Range(0, 5).Select(i => Proxy<ICounterActor>(nameof(CounterActor), $"free-{i}")).ToList();
        // Activated first, so what is compared below is turns, not the cost of activating five actors.
        await Task.WhenAll(different.Append(same).Select(actor => actor.HoldAsync(0)));

        var started = DateTimeOffset.UtcNow;
        var sameActor = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => same.HoldAsync(100)));
        var sameElapsed = DateTimeOffset.UtcNow - started;
        started = DateTimeOffset.UtcNow;
        await Task.WhenAll(different.Select(actor => actor.HoldAsync(100)));
        var differentElapsed = DateTimeOffset.UtcNow - started;

        Assert.All(sameActor, overlapped => Assert.False(overlapped));
        Assert.DoesNotContain(_host.Recorder.Notes, n => n.StartsWith("overlap:busy", StringComparison.Ordinal));
        Assert.True(sameElapsed >= TimeSpan.FromMilliseconds(480), $"five turns of 100 ms took {sameElapsed}");
        Assert.True(differentElapsed < sameElapsed, $"different actors ({differentElapsed}) should not wait for each other like one actor ({sameElapsed})");
    }

    [Fact]
    public async Task A4_an_exception_in_the_actor_reaches_the_caller()
    {
        var counter = Proxy<ICounterActor>(nameof(CounterActor), "boom");

        var error = await Assert.ThrowsAnyAsync<Exception>(() => counter.FailAsync("slot already taken"));

        Assert.Contains("slot already taken", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task C3_calling_an_actor_type_no_app_hosts_is_daprds_500()
    {
        using var http = new HttpClient { BaseAddress = _jobs.Sidecar.HttpEndpoint };

        using var response = await http.PutAsync(new Uri("/v1.0/actors/NoSuchActor/1/method/Do", UriKind.Relative), null);

        Assert.Equal(500, (int)response.StatusCode);
        Assert.Contains("ERR_ACTOR_INVOKE_METHOD", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A4_a_reminder_fires_with_its_data_and_a_one_shot_reminder_fires_once()
    {
        var actor = Proxy<IReminderActor>(nameof(ReminderActor), "r-1");

        await actor.RemindAsync("deadline", 100, 0, "expire-application");
        await _host.Recorder.WaitUntilAsync(r => r.Notes.Contains("reminder:r-1:deadline:expire-application"));
        await Task.Delay(400);

        Assert.Single(_host.Recorder.Notes, n => n == "reminder:r-1:deadline:expire-application");
    }

    [Fact]
    public async Task A4_a_reminder_with_repetitions_fires_exactly_that_many_times()
    {
        var actor = Proxy<IReminderActor>(nameof(ReminderActor), "r-2");

        await actor.RemindRepeatedlyAsync("retry", 50, 1000, 3); // the SDK writes ISO-8601 "R3/PT1S": whole seconds
        await _host.Recorder.WaitUntilAsync(r => r.Notes.Count(n => n == "reminder:r-2:retry:") == 3);
        await Task.Delay(1200);

        Assert.Equal(3, _host.Recorder.Notes.Count(n => n == "reminder:r-2:retry:"));
    }

    [Fact]
    public async Task A4_an_unregistered_reminder_stops_firing()
    {
        var actor = Proxy<IReminderActor>(nameof(ReminderActor), "r-3");

        await actor.RemindAsync("poll", 50, 100, "tick");
        await _host.Recorder.WaitUntilAsync(r => r.Notes.Contains("reminder:r-3:poll:tick"));
        await actor.ForgetAsync("poll");
        int Fired() => _host.Recorder.Notes.Count(n => n == "reminder:r-3:poll:tick");
        // A tick already waiting for the actor's turn while ForgetAsync held it is delivered after it; counting starts once
        // the count stands still (a few tries at most: a reminder still registered would keep it moving every 100 ms).
        var firedBefore = Fired();
        for (var tries = 0; tries < 5; tries++)
        {
            await Task.Delay(250);
            if (Fired() == firedBefore) break;
            firedBefore = Fired();
        }
        await Task.Delay(400);

        Assert.Equal(firedBefore, Fired());
    }

    [Fact]
    public async Task A4_a_reentrant_actor_called_by_a_client_calls_back_into_itself_without_deadlock()
    {
        var relay = Proxy<IRelayActor>(nameof(RelayActor), "relay-1");

        var depth = await relay.CallSelfAsync(3).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(3, depth);
    }

    [Fact]
    public async Task A4_the_sdk_finds_a_registered_reminder_and_none_for_an_unknown_or_forgotten_name()
    {
        var actor = Proxy<IReminderActor>(nameof(ReminderActor), "r-5");

        await actor.RemindAsync("later", 60_000, 0, "x");

        Assert.True(await actor.HasReminderAsync("later"));
        Assert.False(await actor.HasReminderAsync("never-registered"));
        await actor.ForgetAsync("later");
        Assert.False(await actor.HasReminderAsync("later"));
    }

    [Fact]
    public async Task A4_a_reminder_due_while_the_app_is_down_fires_after_the_app_restarts()
    {
        var actor = Proxy<IReminderActor>(nameof(ReminderActor), "r-4");
        await actor.RemindAsync("payout", 300, 0, "settle");

        await _host.RestartAppAsync(_jobs, whileDown: () => Task.Delay(800));
        await _host.Recorder.WaitUntilAsync(r => r.Notes.Contains("reminder:r-4:payout:settle"));

        Assert.Single(_host.Recorder.Notes, n => n == "reminder:r-4:payout:settle");
    }

    [Fact]
    public async Task A4_a_timer_fires_its_callback_until_the_actor_is_deactivated()
    {
        var actor = Proxy<IReminderActor>(nameof(ReminderActor), "t-1");

        await actor.TickAsync("heartbeat", 50, 100);

        await _host.Recorder.WaitUntilAsync(r => r.Notes.Count(n => n == "timer:t-1:heartbeat") >= 2);
    }

    [Fact]
    public async Task A3_an_idle_actor_is_deactivated_after_the_apps_idle_timeout()
    {
        var counter = Proxy<ICounterActor>(nameof(CounterActor), "sleepy");
        await counter.IncrementAsync(1);

        await _host.Recorder.WaitUntilAsync(r => r.Notes.Contains("deactivated:sleepy"), TimeSpan.FromSeconds(10));

        Assert.Equal(1, await counter.GetAsync());
    }
}
