using System.Text;
using System.Text.Json;
using Dapr;
using Dapr.Client;
using Grpc.Core;
using OneDay.DaprEmulator.Tests.Infrastructure;

namespace OneDay.DaprEmulator.Tests;

/// <summary>Secrets (secretstores.local.file) and output bindings: docs/dapr-sidecar.md §C.2, §C.4, §D.2.</summary>
public sealed class SecretsAndBindingsTests : IAsyncLifetime
{
    private readonly EmulatorTestHost _host = new();
    private DaprClient _client = null!;

    public async Task InitializeAsync() => _client = _host.Client(await _host.StartSidecarOnlyAsync("orders"));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task D2_nested_secrets_are_flattened_with_the_separator()
    {
        var secret = await _client.GetSecretAsync("secretstore", "db:password");
        var item = await _client.GetSecretAsync("secretstore", "list:1");

        Assert.Equal(new Dictionary<string, string> { ["db:password"] = "s3cret" }, secret);
        Assert.Equal("b", item["list:1"]);
    }

    [Fact]
    public async Task C2_bulk_secrets_return_every_key_under_its_own_name()
    {
        var all = await _client.GetBulkSecretAsync("secretstore");

        Assert.Equal("value", all["plain"]["plain"]);
        Assert.Equal("app", all["db:user"]["db:user"]);
    }

    [Fact]
    public async Task C4_a_missing_secret_is_daprds_internal_error()
    {
        var error = await Assert.ThrowsAsync<DaprException>(() => _client.GetSecretAsync("secretstore", "nope"));

        var rpc = Assert.IsType<RpcException>(error.InnerException);
        Assert.Equal(StatusCode.Internal, rpc.StatusCode);
        Assert.Contains("secret nope not found", rpc.Status.Detail, StringComparison.Ordinal);
    }

    // Contract: Configuration spec.secrets.scopes (dapr v1.16.9 pkg/config/configuration.go IsSecretAllowed;
    // pkg/api/universal/secrets.go: a refused key is ERR_PERMISSION_DENIED 403 / PermissionDenied, left out of bulk).
    [Fact]
    public async Task C4_secret_scopes_let_an_app_read_only_its_allowed_keys_and_bulk_leaves_the_rest_out()
    {
        var config = _host.Resources.Write("scoped-config.yaml", """
            apiVersion: dapr.io/v1alpha1
            kind: Configuration
            metadata:
              name: scoped
            spec:
              secrets:
                scopes:
                - storeName: secretstore
                  defaultAccess: deny
                  allowedSecrets: ["plain"]
            """);
        var sidecar = await _host.Cluster.StartSidecarAsync(new OneDay.DaprEmulator.Hosting.SidecarOptions
        {
            AppId = "scoped",
            ResourcesPaths = [_host.Resources.Folder],
            WorkingDirectory = _host.Resources.Folder,
            ConfigFile = config,
        });
        var client = _host.Client(sidecar);
        using var http = new HttpClient { BaseAddress = sidecar.HttpEndpoint };

        var allowed = await client.GetSecretAsync("secretstore", "plain");
        var refused = await Assert.ThrowsAsync<DaprException>(() => client.GetSecretAsync("secretstore", "db:password"));
        using var refusedOverHttp = await http.GetAsync(new Uri("/v1.0/secrets/secretstore/db:password", UriKind.Relative));
        var bulk = await client.GetBulkSecretAsync("secretstore");

        Assert.Equal("value", allowed["plain"]);
        var rpc = Assert.IsType<RpcException>(refused.InnerException);
        Assert.Equal(StatusCode.PermissionDenied, rpc.StatusCode);
        Assert.Equal("access denied by policy to get \"db:password\" from \"secretstore\"", rpc.Status.Detail);
        Assert.Equal(403, (int)refusedOverHttp.StatusCode);
        Assert.Equal("ERR_PERMISSION_DENIED", JsonDocument.Parse(await refusedOverHttp.Content.ReadAsStringAsync()).RootElement.GetProperty("errorCode").GetString());
        Assert.Equal(["plain"], bulk.Keys);
    }

    [Fact]
    public async Task C4_an_unknown_secret_store_is_401_over_http()
    {
        using var http = new HttpClient { BaseAddress = _host.Cluster.Sidecars.Single().HttpEndpoint };

        using var response = await http.GetAsync(new Uri("/v1.0/secrets/vault/db", UriKind.Relative));

        Assert.Equal(401, (int)response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("ERR_SECRET_STORE_NOT_FOUND", body.GetProperty("errorCode").GetString());
    }

    [Fact]
    public async Task D2_localstorage_create_writes_the_file_under_rootPath_and_answers_its_name()
    {
        var response = await _client.InvokeBindingAsync(new BindingRequest("files", "create")
        {
            Data = Encoding.UTF8.GetBytes("안녕하세요, 원데이"),
            Metadata = { ["fileName"] = "welcome/kim.txt" },
        });

        var written = Path.Combine(_host.Resources.Folder, "outbox", "welcome", "kim.txt");
        Assert.Equal("안녕하세요, 원데이", await File.ReadAllTextAsync(written));
        Assert.Equal("welcome/kim.txt", JsonDocument.Parse(response.Data.ToArray()).RootElement.GetProperty("fileName").GetString());
    }

    [Fact]
    public async Task D2_localstorage_cannot_write_outside_its_root()
    {
        await _client.InvokeBindingAsync(new BindingRequest("files", "create")
        {
            Data = Encoding.UTF8.GetBytes("x"),
            Metadata = { ["fileName"] = "../../escape.txt" },
        });

        Assert.False(File.Exists(Path.Combine(_host.Resources.Folder, "..", "escape.txt")));
        Assert.True(File.Exists(Path.Combine(_host.Resources.Folder, "outbox", "escape.txt")));
    }

    [Fact]
    public async Task D2_a_binding_that_cannot_be_reached_here_is_recorded_for_tests_to_read()
    {
        await _client.InvokeBindingAsync("mailer", "create", new { to = "worker@example.com", subject = "매칭 완료" },
            new Dictionary<string, string> { ["emailTo"] = "worker@example.com" });

        var sent = Assert.Single(_host.Cluster.BindingLog.Snapshot(), b => b.Name == "mailer");
        Assert.Equal("orders", sent.AppId);
        Assert.Equal("worker@example.com", sent.Metadata["emailTo"]);
        Assert.Equal("매칭 완료", JsonDocument.Parse(sent.Data).RootElement.GetProperty("subject").GetString());
    }

    [Fact]
    public async Task D2_a_binding_scoped_to_another_app_is_not_loaded()
    {
        var other = _host.Client(await _host.StartSidecarOnlyAsync("billing"));

        var error = await Assert.ThrowsAsync<DaprException>(() => other.InvokeBindingAsync("mailer", "create", new { }));

        Assert.Contains("couldn't find output binding mailer", Assert.IsType<RpcException>(error.InnerException).Status.Detail, StringComparison.Ordinal);
    }
}
