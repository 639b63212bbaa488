using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;

namespace OneDay.Testing;

/// <summary>
/// A RabbitMQ virtual host of a test's own on the server scripts/infra.sh starts (ONEDAY_TEST_RABBITMQ, its
/// management API at ONEDAY_TEST_RABBITMQ_ADMIN): exchanges and queues are named after topics and app ids,
/// so test projects running side by side each need their own. Deleted, with all it holds, on dispose.
/// </summary>
public sealed class RabbitMqVirtualHost : IAsyncDisposable
{
    private const string Advice = "Run `scripts/infra.sh up --rabbitmq` and export the ONEDAY_TEST_RABBITMQ* lines it prints (scripts/test.sh does both).";
    private readonly HttpClient _admin;

    private RabbitMqVirtualHost(HttpClient admin, string name, Uri server)
    {
        _admin = admin;
        Name = name;
        ConnectionString = new UriBuilder(server) { Path = "/" + Uri.EscapeDataString(name) }.Uri.ToString();
    }

    public string Name { get; }

    /// <summary>The component's connectionString: the server's URI with this virtual host.</summary>
    public string ConnectionString { get; }

    public static async Task<RabbitMqVirtualHost> CreateAsync()
    {
        var server = Environment.GetEnvironmentVariable("ONEDAY_TEST_RABBITMQ") is { Length: > 0 } s ? new Uri(s) : throw new InvalidOperationException("ONEDAY_TEST_RABBITMQ is not set. " + Advice);
        var adminAddress = Environment.GetEnvironmentVariable("ONEDAY_TEST_RABBITMQ_ADMIN") is { Length: > 0 } a ? new Uri(a) : throw new InvalidOperationException("ONEDAY_TEST_RABBITMQ_ADMIN is not set. " + Advice);
        var credentials = Uri.UnescapeDataString(server.UserInfo);
        var admin = new HttpClient { BaseAddress = adminAddress };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        var host = new RabbitMqVirtualHost(admin, "oneday-test-" + Guid.NewGuid().ToString("N")[..12], server);
        (await admin.PutAsync($"api/vhosts/{host.Name}", null).ConfigureAwait(false)).EnsureSuccessStatusCode();
        var user = credentials.Split(':')[0];
        (await admin.PutAsJsonAsync($"api/permissions/{host.Name}/{Uri.EscapeDataString(user)}", new { configure = ".*", write = ".*", read = ".*" }).ConfigureAwait(false))
            .EnsureSuccessStatusCode();
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        using (await _admin.DeleteAsync($"api/vhosts/{Name}").ConfigureAwait(false))
        {
        }
        _admin.Dispose();
    }
}
