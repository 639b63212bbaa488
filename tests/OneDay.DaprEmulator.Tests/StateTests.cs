using Dapr;
using Dapr.Client;
using Grpc.Core;
using OneDay.DaprEmulator.Tests.Infrastructure;
using OneDay.DaprEmulator.Tests.TestApp;

namespace OneDay.DaprEmulator.Tests;

/// <summary>The state API with state.redis semantics: docs/dapr-sidecar.md §C.2 and §C.5.</summary>
public sealed class StateTests : IAsyncLifetime
{
    private readonly EmulatorTestHost _host = new();
    private DaprClient _client = null!;

    public async Task InitializeAsync()
    {
        var sidecar = await _host.StartSidecarOnlyAsync("wallet");
        _client = _host.Client(sidecar);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task C5_saved_state_reads_back_with_an_etag_that_changes_on_every_write()
    {
        await _client.SaveStateAsync("statestore", "order-1", new OrderPlaced("order-1", 100));
        var (first, etag1) = await _client.GetStateAndETagAsync<OrderPlaced>("statestore", "order-1");
        await _client.SaveStateAsync("statestore", "order-1", first with { Amount = 200 });
        var (second, etag2) = await _client.GetStateAndETagAsync<OrderPlaced>("statestore", "order-1");

        Assert.Equal(100, first.Amount);
        Assert.Equal(200, second.Amount);
        Assert.False(string.IsNullOrEmpty(etag1));
        Assert.NotEqual(etag1, etag2);
    }

    [Fact]
    public async Task C5_a_missing_key_reads_as_default_with_an_empty_etag()
    {
        var (value, etag) = await _client.GetStateAndETagAsync<OrderPlaced>("statestore", "nothing-here");

        Assert.Null(value);
        Assert.True(string.IsNullOrEmpty(etag));
    }

    [Fact]
    public async Task C5_a_write_with_a_stale_etag_is_refused_and_TrySaveState_returns_false()
    {
        await _client.SaveStateAsync("statestore", "balance", 1000);
        var (_, stale) = await _client.GetStateAndETagAsync<int>("statestore", "balance");
        await _client.SaveStateAsync("statestore", "balance", 900);

        var saved = await _client.TrySaveStateAsync("statestore", "balance", 800, stale);
        var (_, current) = await _client.GetStateAndETagAsync<int>("statestore", "balance");
        var savedWithCurrent = await _client.TrySaveStateAsync("statestore", "balance", 700, current);

        Assert.False(saved);
        Assert.True(savedWithCurrent);
        Assert.Equal(700, await _client.GetStateAsync<int>("statestore", "balance"));
    }

    [Fact]
    public async Task C5_a_stale_etag_on_delete_is_refused()
    {
        await _client.SaveStateAsync("statestore", "seat", "taken");
        var (_, stale) = await _client.GetStateAndETagAsync<string>("statestore", "seat");
        await _client.SaveStateAsync("statestore", "seat", "taken again");

        Assert.False(await _client.TryDeleteStateAsync("statestore", "seat", stale));
        Assert.Equal("taken again", await _client.GetStateAsync<string>("statestore", "seat"));
    }

    [Fact]
    public async Task C5_first_write_concurrency_refuses_to_overwrite_an_existing_key_without_etag()
    {
        var options = new StateOptions { Concurrency = ConcurrencyMode.FirstWrite };
        await _client.SaveStateAsync("statestore", "claim", "first", options);

        var error = await Assert.ThrowsAsync<DaprException>(() => _client.SaveStateAsync("statestore", "claim", "second", options));

        Assert.Equal(StatusCode.Internal, Assert.IsType<RpcException>(error.InnerException).StatusCode);
        Assert.Equal("first", await _client.GetStateAsync<string>("statestore", "claim"));
    }

    [Fact]
    public async Task C5_a_transaction_with_one_stale_etag_fails_as_internal_and_changes_nothing()
    {
        await _client.SaveStateAsync("statestore", "debit", 100);
        await _client.SaveStateAsync("statestore", "credit", 0);
        var (_, debitEtag) = await _client.GetStateAndETagAsync<int>("statestore", "debit");
        await _client.SaveStateAsync("statestore", "debit", 50);

        var error = await Assert.ThrowsAsync<DaprException>(() => _client.ExecuteStateTransactionAsync("statestore",
        [
            new StateTransactionRequest("credit", System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(100), StateOperationType.Upsert),
            new StateTransactionRequest("debit", System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(0), StateOperationType.Upsert, debitEtag),
        ]));

        Assert.Equal(StatusCode.Internal, Assert.IsType<RpcException>(error.InnerException).StatusCode);
        Assert.Equal(0, await _client.GetStateAsync<int>("statestore", "credit"));
        Assert.Equal(50, await _client.GetStateAsync<int>("statestore", "debit"));
    }

    [Fact]
    public async Task C5_a_transaction_applies_upserts_and_deletes_together()
    {
        await _client.SaveStateAsync("statestore", "old", "gone soon");

        await _client.ExecuteStateTransactionAsync("statestore",
        [
            new StateTransactionRequest("new", System.Text.Json.JsonSerializer.SerializeToUtf8Bytes("here"), StateOperationType.Upsert),
            new StateTransactionRequest("old", null, StateOperationType.Delete),
        ]);

        Assert.Equal("here", await _client.GetStateAsync<string>("statestore", "new"));
        Assert.Null(await _client.GetStateAsync<string>("statestore", "old"));
    }

    [Fact]
    public async Task C5_bulk_get_returns_every_requested_key_present_or_not()
    {
        await _client.SaveStateAsync("statestore", "a", 1);
        await _client.SaveStateAsync("statestore", "b", 2);

        var items = await _client.GetBulkStateAsync("statestore", ["a", "b", "c"], parallelism: 2);

        Assert.Equal(["1", "2", ""], items.OrderBy(i => i.Key).Select(i => i.Value));
        Assert.Equal(["a", "b", "c"], items.Select(i => i.Key).Order());
    }

    [Fact]
    public async Task C5_keys_are_prefixed_with_the_app_id_so_apps_do_not_see_each_others_state()
    {
        var other = _host.Client(await _host.StartSidecarOnlyAsync("ledger"));
        await _client.SaveStateAsync("statestore", "shared-name", "wallet's");

        Assert.Null(await other.GetStateAsync<string>("statestore", "shared-name"));
        Assert.Equal("wallet's", await _client.GetStateAsync<string>("statestore", "shared-name"));
    }

    [Fact]
    public async Task C5_a_key_containing_the_separator_is_rejected_as_invalid()
    {
        var error = await Assert.ThrowsAsync<DaprException>(() => _client.SaveStateAsync("statestore", "a||b", 1));

        Assert.Equal(StatusCode.InvalidArgument, Assert.IsType<RpcException>(error.InnerException).StatusCode);
    }

    [Fact]
    public async Task C4_an_unknown_state_store_is_invalid_argument()
    {
        var error = await Assert.ThrowsAsync<DaprException>(() => _client.GetStateAsync<int>("missing-store", "k"));

        var rpc = Assert.IsType<RpcException>(error.InnerException);
        Assert.Equal(StatusCode.InvalidArgument, rpc.StatusCode);
        Assert.Contains("state store missing-store is not found", rpc.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task C5_an_item_with_ttl_expires()
    {
        // Three seconds, not one: on a loaded CI machine the read just after the save can take over a second.
        await _client.SaveStateAsync("statestore", "otp", "123456", metadata: new Dictionary<string, string> { ["ttlInSeconds"] = "3" });
        Assert.Equal("123456", await _client.GetStateAsync<string>("statestore", "otp"));

        await Task.Delay(TimeSpan.FromSeconds(3.2));

        Assert.Null(await _client.GetStateAsync<string>("statestore", "otp"));
    }
}
