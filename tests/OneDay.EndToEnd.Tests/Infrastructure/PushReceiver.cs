using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using OneDay.Testing;

namespace OneDay.EndToEnd.Tests.Infrastructure;

/// <summary>What one push carried: its items, or why the receiver refuses it (answered 400, nothing kept).</summary>
public sealed record PushReading<TItem>(IReadOnlyList<TItem> Items, string? Refusal = null);

/// <summary>
/// A loopback collector for one push API: it reads every push to <c>path</c> and keeps the items, so a test can see
/// what the services exported. <see cref="LokiSink"/> and <see cref="ZipkinSink"/> differ only in how a push reads.
/// </summary>
public sealed class PushReceiver<TItem> : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<TItem> _items = [];

    /// <param name="accepted">The status the real collector answers an accepted push with.</param>
    public PushReceiver(string path, Func<HttpRequest, Task<PushReading<TItem>>> read, int accepted)
    {
        var builder = LoopbackApp.CreateBuilder(out var port);
        _app = builder.Build();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        _app.MapPost(path, async (HttpRequest request) =>
        {
            var reading = await read(request).ConfigureAwait(false);
            if (reading.Refusal is not null) return Results.BadRequest(reading.Refusal);
            lock (_items) _items.AddRange(reading.Items);
            return Results.StatusCode(accepted);
        });
    }

    public Uri BaseAddress { get; }

    public IReadOnlyList<TItem> Items
    {
        get { lock (_items) return _items.ToList(); }
    }

    public Task StartAsync() => _app.StartAsync();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync().ConfigureAwait(false);
}
