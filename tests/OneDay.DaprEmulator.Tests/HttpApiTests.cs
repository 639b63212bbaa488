using System.Net;
using System.Text;
using System.Text.Json;
using OneDay.DaprEmulator.Tests.Infrastructure;

namespace OneDay.DaprEmulator.Tests;

/// <summary>The HTTP forms of publish and state (dapr pkg/api/http): docs/dapr-sidecar.md §B.1, §C.4, §C.5.</summary>
public sealed class HttpApiTests : IAsyncLifetime
{
    private readonly EmulatorTestHost _host = new();
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        await _host.StartAppAsync("orders");
        _http = new HttpClient { BaseAddress = (await _host.StartSidecarOnlyAsync("checkout")).HttpEndpoint };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task B1_http_publish_of_plain_text_gets_a_text_plain_envelope_and_metadata_overrides()
    {
        using var response = await _http.PostAsync(new Uri("/v1.0/publish/pubsub/notes?metadata.cloudevent.type=order.placed", UriKind.Relative),
            new StringContent("주문 완료", Encoding.UTF8, "text/plain"));
        await _host.Cluster.WaitForIdleAsync();

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var envelope = JsonDocument.Parse(Assert.Single(_host.Recorder.At("/events/notes")).Body).RootElement;
        Assert.StartsWith("text/plain", envelope.GetProperty("datacontenttype").GetString(), StringComparison.Ordinal);
        Assert.Equal("주문 완료", envelope.GetProperty("data").GetString());
        Assert.Equal("order.placed", envelope.GetProperty("type").GetString());
        Assert.Equal("checkout", envelope.GetProperty("source").GetString());
    }

    [Fact]
    public async Task C4_http_publish_to_an_unknown_pubsub_is_404_with_daprds_error_body()
    {
        using var response = await _http.PostAsync(new Uri("/v1.0/publish/nope/orders", UriKind.Relative), new StringContent("{}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("ERR_PUBSUB_NOT_FOUND", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errorCode").GetString());
    }

    [Fact]
    public async Task C5_http_state_round_trip_with_etag_and_409_on_a_stale_one()
    {
        using var save = await _http.PostAsync(new Uri("/v1.0/state/statestore", UriKind.Relative),
            new StringContent("""[{"key":"k1","value":{"n":1}}]""", Encoding.UTF8, "application/json"));
        using var read = await _http.GetAsync(new Uri("/v1.0/state/statestore/k1", UriKind.Relative));
        var etag = read.Headers.ETag?.Tag ?? read.Headers.GetValues("ETag").Single();
        using var update = await _http.PostAsync(new Uri("/v1.0/state/statestore", UriKind.Relative),
            new StringContent($$"""[{"key":"k1","value":{"n":2},"etag":"{{etag.Trim('"')}}"}]""", Encoding.UTF8, "application/json"));
        using var stale = await _http.PostAsync(new Uri("/v1.0/state/statestore", UriKind.Relative),
            new StringContent($$"""[{"key":"k1","value":{"n":3},"etag":"{{etag.Trim('"')}}"}]""", Encoding.UTF8, "application/json"));
        using var missing = await _http.GetAsync(new Uri("/v1.0/state/statestore/nothing", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NoContent, save.StatusCode);
        Assert.Equal(1, JsonDocument.Parse(await read.Content.ReadAsStringAsync()).RootElement.GetProperty("n").GetInt32());
        Assert.Equal(HttpStatusCode.NoContent, update.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("ERR_STATE_SAVE", JsonDocument.Parse(await stale.Content.ReadAsStringAsync()).RootElement.GetProperty("errorCode").GetString());
        Assert.Equal(HttpStatusCode.NoContent, missing.StatusCode);
    }
}
