using System.Net;
using System.Text.Json;
using OneDay.DaprEmulator.Hosting;
using OneDay.DaprEmulator.Tests.Infrastructure;

namespace OneDay.DaprEmulator.Tests;

/// <summary>
/// What daprd sends an actor host and how it reads the answers, checked with a host written by hand
/// instead of the SDK, so every byte is visible: docs/dapr-sidecar.md §A.3, §A.4, §C.3.
/// </summary>
public sealed class RawActorHostTests : IAsyncLifetime
{
    private readonly EmulatorTestHost _host = new();
    private Sidecar _sidecar = null!;

    public async Task InitializeAsync() => _sidecar = await _host.StartRawAppAsync("raw", app =>
    {
        app.MapGet("/dapr/config", () => Results.Json(new { entities = new[] { "Raw" }, actorIdleTimeout = "1h0m0s0ms" }));
        app.MapPut("/actors/Raw/{id}/method/remind/{name}", (HttpContext context, string name) =>
        {
            if (name == "once-then-cancel") context.Response.Headers["X-DaprReminderCancel"] = "true";
            return Results.Ok();
        });
        app.MapPut("/actors/Raw/{id}/method/NoContent", () => Results.NoContent());
        app.MapPut("/actors/Raw/{id}/method/Echo", async (HttpRequest request) =>
            Results.Text(await new StreamReader(request.Body).ReadToEndAsync(), "application/json"));
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private IReadOnlyList<ReceivedRequest> Seen(string path) => _host.Recorder.At(path);

    private Task WaitForAsync(string path) => _host.Recorder.WaitUntilAsync(r => r.At(path).Count >= 1, TimeSpan.FromSeconds(10));

    [Fact]
    public async Task C3_any_verb_with_a_double_slash_reaches_the_app_as_PUT_with_the_body_unchanged()
    {
        using var http = new HttpClient { BaseAddress = _sidecar.HttpEndpoint };

        using var response = await http.PostAsync(new Uri(_sidecar.HttpEndpoint + "/v1.0/actors/Raw/a1/method/Echo"),
            new StringContent("""{"hello":"원데이"}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var seen = Assert.Single(Seen("/actors/Raw/a1/method/Echo"));
        Assert.Equal("PUT", seen.Method);
        Assert.Equal("""{"hello":"원데이"}""", seen.Body);
        Assert.Equal("""{"hello":"원데이"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A4_an_actor_answer_other_than_200_surfaces_as_daprds_500_even_204()
    {
        using var http = new HttpClient { BaseAddress = _sidecar.HttpEndpoint };

        using var response = await http.PutAsync(new Uri("/v1.0/actors/Raw/a2/method/NoContent", UriKind.Relative), null);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("ERR_ACTOR_INVOKE_METHOD", error.GetProperty("errorCode").GetString());
        Assert.Contains("(204)", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A4_a_reminder_is_delivered_with_the_registered_strings_echoed_exactly()
    {
        using var http = new HttpClient { BaseAddress = _sidecar.HttpEndpoint };

        using var registered = await http.PutAsync(new Uri("/v1.0/actors/Raw/a3/reminders/exact", UriKind.Relative),
            new StringContent("""{"dueTime":"0h0m0s100ms","period":"R2/PT1S","data":"c2V0dGxl"}""", System.Text.Encoding.UTF8, "application/json"));
        await WaitForAsync("/actors/Raw/a3/method/remind/exact");

        Assert.Equal(HttpStatusCode.NoContent, registered.StatusCode);
        var body = JsonDocument.Parse(Seen("/actors/Raw/a3/method/remind/exact")[0].Body).RootElement;
        Assert.Equal("0h0m0s100ms", body.GetProperty("dueTime").GetString());
        Assert.Equal("R2/PT1S", body.GetProperty("period").GetString());
        Assert.Equal("c2V0dGxl", body.GetProperty("data").GetString());
    }

    [Fact]
    public async Task A4_X_DaprReminderCancel_from_the_app_stops_a_periodic_reminder()
    {
        using var http = new HttpClient { BaseAddress = _sidecar.HttpEndpoint };

        await http.PutAsync(new Uri("/v1.0/actors/Raw/a4/reminders/once-then-cancel", UriKind.Relative),
            new StringContent("""{"dueTime":"50ms","period":"100ms"}""", System.Text.Encoding.UTF8, "application/json"));
        await WaitForAsync("/actors/Raw/a4/method/remind/once-then-cancel");
        await Task.Delay(500);

        Assert.Single(Seen("/actors/Raw/a4/method/remind/once-then-cancel"));
        // daprd 1.16 answers a reminder that no longer exists with 200 and an empty object (scheduler.go, Get).
        using var lookup = await http.GetAsync(new Uri("/v1.0/actors/Raw/a4/reminders/once-then-cancel", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, lookup.StatusCode);
        Assert.Equal("{}", await lookup.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task C3_actor_state_transactions_and_reads_follow_daprds_http_api()
    {
        using var http = new HttpClient { BaseAddress = _sidecar.HttpEndpoint };

        using var saved = await http.PutAsync(new Uri(_sidecar.HttpEndpoint + "/v1.0/actors/Raw/a5/state"), new StringContent(
            """[{"operation":"upsert","request":{"key":"slots","value":{"left":3}}},{"operation":"delete","request":{"key":"gone"}}]"""));
        using var read = await http.GetAsync(new Uri("/v1.0/actors/Raw/a5/state/slots", UriKind.Relative));
        using var missing = await http.GetAsync(new Uri("/v1.0/actors/Raw/a5/state/gone", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NoContent, saved.StatusCode);
        Assert.Equal(3, JsonDocument.Parse(await read.Content.ReadAsStringAsync()).RootElement.GetProperty("left").GetInt32());
        Assert.Equal(HttpStatusCode.NoContent, missing.StatusCode);
    }
}
