using Microsoft.AspNetCore.SignalR.Client;

namespace OneDay.Testing;

/// <summary>
/// A test's SignalR connection to a service's hub, whose subclass keeps what it receives, a channel per event. It
/// tells when the server ends it (the client never reconnects by itself here), and a failed start leaves nothing open.
/// </summary>
public abstract class HubTestClient : IAsyncDisposable
{
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected HubTestClient(HubConnection connection)
    {
        Connection = connection;
        connection.Closed += _ =>
        {
            _closed.TrySetResult();
            return Task.CompletedTask;
        };
    }

    /// <summary>Completes when the server ends the connection.</summary>
    public Task Closed => _closed.Task;

    public HubConnection Connection { get; }

    /// <summary>Starts the client's connection, then waits for <paramref name="ready"/>; if either fails, the connection is disposed.</summary>
    protected static async Task<TClient> StartAsync<TClient>(TClient client, Func<TClient, Task>? ready = null)
        where TClient : HubTestClient
    {
        try
        {
            await client.Connection.StartAsync();
            if (ready is not null) await ready(client);
        }
        catch
        {
            await client.Connection.DisposeAsync();
            throw;
        }
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
