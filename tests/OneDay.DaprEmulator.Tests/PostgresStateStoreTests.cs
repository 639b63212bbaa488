using System.Net;
using System.Text;
using System.Text.Json;
using Dapr;
using Dapr.Actors;
using Dapr.Actors.Client;
using Dapr.Client;
using Grpc.Core;
using Npgsql;
using OneDay.DaprEmulator.Tests.Infrastructure;
using OneDay.DaprEmulator.Tests.TestApp;
using OneDay.Testing;

namespace OneDay.DaprEmulator.Tests;

/// <summary>
/// The state.postgresql v2 component on the real PostgreSQL, in components-contrib's table and with its
/// ETag, TTL and transaction rules (docs/dapr-state-and-actors.md, docs/dapr-sidecar.md §C.5), so that
/// daprd and the emulator could take turns on the same database. The class shares one database; each
/// test has app ids of its own, so its rows are its own.
/// </summary>
public sealed class PostgresStateStoreTests(PostgresStateStoreTests.Database database) : IClassFixture<PostgresStateStoreTests.Database>, IAsyncLifetime
{
    private readonly EmulatorTestHost _host = new();
    private readonly string _appId = "cart-" + Guid.NewGuid().ToString("N")[..8];

    public sealed class Database : IAsyncLifetime
    {
        private TestDatabase _database = null!;

        public NpgsqlDataSource Sql { get; private set; } = null!;

        public NpgsqlConnectionStringBuilder Server { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            _database = await TestDatabase.CreateAsync("oneday_emulator_state");
            Server = new NpgsqlConnectionStringBuilder(_database.ConnectionString);
            Sql = NpgsqlDataSource.Create(_database.ConnectionString);
        }

        public async Task DisposeAsync()
        {
            await Sql.DisposeAsync();
            await _database.DisposeAsync();
        }
    }

    public Task InitializeAsync()
    {
        var server = database.Server;
        // The connection string as daprd takes it (libpq keywords), from the secret store as in production.
        _host.Resources.Write("postgres-secrets.json", JsonSerializer.Serialize(new
        {
            postgres = new { connectionString = $"host={server.Host} port={server.Port} user={server.Username} password={server.Password} dbname={server.Database} sslmode=disable" },
        }));
        _host.Resources.Write("postgres-secretstore.yaml", DaprComponentYaml.Of("postgres-secrets", "secretstores.local.file",
            [("secretsFile", Path.Combine(_host.Resources.Folder, "postgres-secrets.json")), ("multiValued", "true")]));
        WritePostgresComponent("statestore", """
            - name: connectionString
              secretKeyRef:
                name: postgres
                key: connectionString
            - name: actorStateStore
              value: "true"
            - name: cleanupInterval
              value: 1s
            """, secretStore: "postgres-secrets");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>Writes a state.postgresql v2 component with the given metadata items (YAML list entries).</summary>
    private void WritePostgresComponent(string name, string items, string? secretStore = null)
    {
        var metadata = string.Join('\n', items.TrimEnd().Split('\n').Select(line => "    " + line));
        var auth = secretStore is null ? "" : $"\nauth:\n  secretStore: {secretStore}";
        _host.Resources.Write(name + ".yaml", $"""
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: {name}
            spec:
              type: state.postgresql
              version: v2
              metadata:
            """ + "\n" + metadata + auth + "\n");
    }

    private async Task<DaprClient> ClientAsync() => _host.Client(await _host.StartSidecarOnlyAsync(_appId));

    private async Task<T?> SqlAsync<T>(string sql, params object[] parameters)
    {
        await using var command = database.Sql.CreateCommand(sql);
        foreach (var parameter in parameters) command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        return await command.ExecuteScalarAsync() is T value ? value : default;
    }

    [Fact]
    public async Task C5_saved_state_is_a_row_of_contribs_table_with_the_value_bytes_and_a_uuid_etag()
    {
        var client = await ClientAsync();

        await client.SaveStateAsync("statestore", "basket", new OrderPlaced("in-postgres", 3));
        var (_, etag) = await client.GetStateAndETagAsync<OrderPlaced>("statestore", "basket");

        var value = await SqlAsync<byte[]>("SELECT value FROM state WHERE key = $1", $"{_appId}||basket");
        Assert.Equal("in-postgres", JsonDocument.Parse(value!).RootElement.GetProperty("orderId").GetString());
        Assert.Equal(etag, await SqlAsync<string>("SELECT etag::text FROM state WHERE key = $1", $"{_appId}||basket"));
        Assert.True(Guid.TryParseExact(etag, "D", out _));
        Assert.Equal("key text NO,value bytea NO,etag uuid NO,created_at timestamp with time zone NO,updated_at timestamp with time zone YES,expires_at timestamp with time zone YES",
            await SqlAsync<string>("SELECT string_agg(column_name || ' ' || data_type || ' ' || is_nullable, ',' ORDER BY ordinal_position) FROM information_schema.columns WHERE table_name = 'state'"));
        Assert.Equal("1", await SqlAsync<string>("SELECT value FROM dapr_metadata WHERE key = 'migrations-state-v2-'"));
        Assert.Equal("lock", await SqlAsync<string>("SELECT value FROM dapr_metadata WHERE key = 'lock'"));
    }

    [Fact]
    public async Task C5_each_write_renews_the_etag_and_delete_removes_the_row()
    {
        var client = await ClientAsync();
        await client.SaveStateAsync("statestore", "seat", "taken");
        var (_, first) = await client.GetStateAndETagAsync<string>("statestore", "seat");
        await client.SaveStateAsync("statestore", "seat", "taken again");
        var (value, second) = await client.GetStateAndETagAsync<string>("statestore", "seat");

        await client.DeleteStateAsync("statestore", "seat");

        Assert.Equal("taken again", value);
        Assert.NotEqual(first, second);
        Assert.Null(await client.GetStateAsync<string>("statestore", "seat"));
        Assert.Equal(0L, await SqlAsync<long>("SELECT count(*) FROM state WHERE key = $1", $"{_appId}||seat"));
    }

    [Fact]
    public async Task C5_a_stale_etag_is_refused_with_aborted_and_409_and_the_current_one_is_accepted()
    {
        var client = await ClientAsync();
        await client.SaveStateAsync("statestore", "balance", 1000);
        var (_, stale) = await client.GetStateAndETagAsync<int>("statestore", "balance");
        await client.SaveStateAsync("statestore", "balance", 900);

        Assert.False(await client.TrySaveStateAsync("statestore", "balance", 800, stale));
        Assert.False(await client.TryDeleteStateAsync("statestore", "balance", stale));
        using var http = new HttpClient { BaseAddress = _host.Cluster.Sidecars.Single().HttpEndpoint };
        using var refused = await http.PostAsync(new Uri("/v1.0/state/statestore", UriKind.Relative),
            new StringContent($$"""[{"key":"balance","value":700,"etag":"{{stale}}"}]""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("ERR_STATE_SAVE", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var (_, current) = await client.GetStateAndETagAsync<int>("statestore", "balance");
        Assert.True(await client.TrySaveStateAsync("statestore", "balance", 700, current));
        Assert.Equal(700, await client.GetStateAsync<int>("statestore", "balance"));
    }

    [Fact]
    public async Task C5_an_etag_that_is_no_uuid_or_names_a_missing_key_is_a_mismatch_unlike_redis()
    {
        var client = await ClientAsync();
        await client.SaveStateAsync("statestore", "order", 1);

        Assert.False(await client.TrySaveStateAsync("statestore", "order", 2, "7"));
        Assert.False(await client.TrySaveStateAsync("statestore", "never-saved", 2, Guid.NewGuid().ToString()));
        Assert.Null(await client.GetStateAsync<int?>("statestore", "never-saved"));
        Assert.Equal(1, await client.GetStateAsync<int>("statestore", "order"));
    }

    [Fact]
    public async Task C5_first_write_concurrency_refuses_a_second_write_without_etag_as_internal()
    {
        var client = await ClientAsync();
        var options = new StateOptions { Concurrency = ConcurrencyMode.FirstWrite };
        await client.SaveStateAsync("statestore", "claim", "first", options);

        var error = await Assert.ThrowsAsync<DaprException>(() => client.SaveStateAsync("statestore", "claim", "second", options));

        Assert.Equal(StatusCode.Internal, Assert.IsType<RpcException>(error.InnerException).StatusCode);
        Assert.Equal("first", await client.GetStateAsync<string>("statestore", "claim"));
    }

    [Fact]
    public async Task C5_an_item_with_ttl_has_expires_at_is_unreadable_once_past_and_its_row_is_cleaned_up()
    {
        var client = await ClientAsync();
        // Three seconds: on a loaded machine the read just after the save can take over a second.
        await client.SaveStateAsync("statestore", "otp", "123456", metadata: new Dictionary<string, string> { ["ttlInSeconds"] = "3" });
        await client.SaveStateAsync("statestore", "kept", "forever");

        Assert.Equal("123456", await client.GetStateAsync<string>("statestore", "otp"));
        var remaining = await SqlAsync<double>("SELECT EXTRACT(epoch FROM expires_at - now())::float8 FROM state WHERE key = $1", $"{_appId}||otp");
        Assert.InRange(remaining, 0.5, 3.0);
        Assert.True(await SqlAsync<bool>("SELECT expires_at IS NULL FROM state WHERE key = $1", $"{_appId}||kept"));

        await Eventually.TrueAsync(async () => await client.GetStateAsync<string>("statestore", "otp") is null, TimeSpan.FromSeconds(10), "the item expired");
        // cleanupInterval 1s: the emulator deletes expired rows as contrib's sidecars do, and says when in dapr_metadata.
        await Eventually.TrueAsync(async () => await SqlAsync<long>("SELECT count(*) FROM state WHERE key = $1", $"{_appId}||otp") == 0,
            TimeSpan.FromSeconds(10), "the expired row deleted");
        Assert.NotNull(await SqlAsync<string>("SELECT value FROM dapr_metadata WHERE key = 'last-cleanup-state-v2-'"));
        Assert.Equal("forever", await client.GetStateAsync<string>("statestore", "kept"));
    }

    [Fact]
    public async Task C5_a_transaction_with_one_stale_etag_fails_as_internal_and_changes_no_row()
    {
        var client = await ClientAsync();
        await client.SaveStateAsync("statestore", "debit", 100);
        await client.SaveStateAsync("statestore", "credit", 0);
        var (_, debitEtag) = await client.GetStateAndETagAsync<int>("statestore", "debit");
        await client.SaveStateAsync("statestore", "debit", 50);
        var (_, creditEtag) = await client.GetStateAndETagAsync<int>("statestore", "credit");

        var error = await Assert.ThrowsAsync<DaprException>(() => client.ExecuteStateTransactionAsync("statestore",
        [
            new StateTransactionRequest("credit", JsonSerializer.SerializeToUtf8Bytes(100), StateOperationType.Upsert),
            new StateTransactionRequest("added", JsonSerializer.SerializeToUtf8Bytes(1), StateOperationType.Upsert),
            new StateTransactionRequest("debit", JsonSerializer.SerializeToUtf8Bytes(0), StateOperationType.Upsert, debitEtag),
        ]));

        Assert.Equal(StatusCode.Internal, Assert.IsType<RpcException>(error.InnerException).StatusCode);
        Assert.Equal((0, creditEtag), await client.GetStateAndETagAsync<int>("statestore", "credit"));
        Assert.Equal(50, await client.GetStateAsync<int>("statestore", "debit"));
        Assert.Equal(0L, await SqlAsync<long>("SELECT count(*) FROM state WHERE key = $1", $"{_appId}||added"));
    }

    [Fact]
    public async Task C5_a_transaction_applies_upserts_and_deletes_together()
    {
        var client = await ClientAsync();
        await client.SaveStateAsync("statestore", "old", "gone soon");

        await client.ExecuteStateTransactionAsync("statestore",
        [
            new StateTransactionRequest("new", JsonSerializer.SerializeToUtf8Bytes("here"), StateOperationType.Upsert),
            new StateTransactionRequest("old", null, StateOperationType.Delete),
        ]);

        Assert.Equal("here", await client.GetStateAsync<string>("statestore", "new"));
        Assert.Null(await client.GetStateAsync<string>("statestore", "old"));
    }

    [Fact]
    public async Task C5_a_row_daprd_wrote_is_read_with_its_etag_and_written_back_in_the_same_layout()
    {
        // What components-contrib's state.postgresql v2 leaves for key "basket" of the app.
        var written = await SqlAsync<Guid>("INSERT INTO state (key, value) VALUES ($1, $2) RETURNING etag",
            $"{_appId}||basket", """{"orderId":"from-daprd","amount":9}"""u8.ToArray());
        var client = await ClientAsync();

        var (value, etag) = await client.GetStateAndETagAsync<OrderPlaced>("statestore", "basket");

        Assert.Equal(new OrderPlaced("from-daprd", 9), value);
        Assert.Equal(written.ToString(), etag);
        Assert.True(await client.TrySaveStateAsync("statestore", "basket", value with { Amount = 10 }, etag));
        Assert.True(await SqlAsync<bool>("SELECT updated_at IS NOT NULL AND etag <> $2 FROM state WHERE key = $1", $"{_appId}||basket", written));
    }

    [Fact]
    public async Task A4_actor_state_and_reminders_live_in_postgres_and_outlast_the_emulator()
    {
        var app = await _host.StartAppAsync(_appId);
        var client = _host.Client(app.Sidecar);
        await client.SaveStateAsync("statestore", "basket", new OrderPlaced("kept", 4));
        var (_, etag) = await client.GetStateAndETagAsync<OrderPlaced>("statestore", "basket");
        var options = EmulatorTestHost.ActorOptions(app.Sidecar);
        await ActorProxy.Create<ICounterActor>(new ActorId("p-1"), nameof(CounterActor), options).IncrementAsync(3);
        await ActorProxy.Create<IReminderActor>(new ActorId("p-1"), nameof(ReminderActor), options).RemindAsync("expire", 600, 0, "deadline");
        Assert.Equal(3, JsonSerializer.Deserialize<int>((await SqlAsync<byte[]>("SELECT value FROM state WHERE key = $1", $"{_appId}||CounterActor||p-1||count"))!));
        Assert.Equal(1L, await SqlAsync<long>("SELECT count(*) FROM state WHERE key = 'dapr-emulator||reminders||ReminderActor||p-1||expire'"));

        // The emulator stops before the reminder is due; a new one knows the state only from PostgreSQL.
        await _host.RestartEmulatorAsync();
        await Task.Delay(700);
        var sidecar = await _host.StartSidecarForAsync(_appId, app.Port);

        Assert.Equal((new OrderPlaced("kept", 4), etag), await _host.Client(sidecar).GetStateAndETagAsync<OrderPlaced>("statestore", "basket"));
        Assert.Equal(3, await ActorProxy.Create<ICounterActor>(new ActorId("p-1"), nameof(CounterActor), EmulatorTestHost.ActorOptions(sidecar)).GetAsync());
        await _host.Recorder.WaitUntilAsync(r => r.Notes.Contains("reminder:p-1:expire:deadline"), TimeSpan.FromSeconds(10));
        await Eventually.TrueAsync(async () => await SqlAsync<long>("SELECT count(*) FROM state WHERE key LIKE 'dapr-emulator||reminders||ReminderActor||p-1||%'") == 0,
            TimeSpan.FromSeconds(5), "the fired one-shot reminder forgotten in PostgreSQL");
        Assert.Single(_host.Recorder.Notes, n => n == "reminder:p-1:expire:deadline");
    }

    [Fact]
    public async Task C5_a_url_connection_string_and_table_prefix_put_the_rows_in_a_table_of_their_own()
    {
        var server = database.Server;
        WritePostgresComponent("archive", $"""
            - name: url
              value: postgres://{Uri.EscapeDataString(server.Username!)}:{Uri.EscapeDataString(server.Password!)}@{server.Host}:{server.Port}/{server.Database}?sslmode=disable
            - name: tablePrefix
              value: archive_
            - name: metadataTableName
              value: archive_metadata
            - name: timeoutInSeconds
              value: "30"
            """);
        var client = await ClientAsync();

        await client.SaveStateAsync("archive", "receipt", "r-1");

        Assert.Equal("r-1", await client.GetStateAsync<string>("archive", "receipt"));
        Assert.Equal("\"r-1\"", Encoding.UTF8.GetString((await SqlAsync<byte[]>("SELECT value FROM archive_state WHERE key = $1", $"{_appId}||receipt"))!));
        Assert.Equal("1", await SqlAsync<string>("SELECT value FROM archive_metadata WHERE key = 'migrations-state-v2-archive_'"));
    }

    [Fact]
    public async Task C4_a_sidecar_whose_postgres_cannot_be_reached_is_not_ready_and_answers_500()
    {
        WritePostgresComponent("statestore", $"""
            - name: connectionString
              value: host=127.0.0.1 port={LoopbackPort.Free()} user=nobody dbname=none sslmode=disable connect_timeout=2
            """);
        var sidecar = await _host.StartSidecarOnlyAsync(_appId);
        using var http = new HttpClient { BaseAddress = sidecar.HttpEndpoint };

        using var health = await http.GetAsync(new Uri("/v1.0/healthz", UriKind.Relative));
        var error = await Assert.ThrowsAsync<DaprException>(() => _host.Client(sidecar).GetStateAsync<string>("statestore", "anything"));

        Assert.Equal(HttpStatusCode.InternalServerError, health.StatusCode);
        Assert.Equal(StatusCode.Internal, Assert.IsType<RpcException>(error.InnerException).StatusCode);
    }
}
