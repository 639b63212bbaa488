using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;

namespace OneDay.Testing;

/// <summary>
/// Jobs as payments meets it: a small real HTTP app under app id "jobs" beside its own sidecar, answering
/// `POST /internal/jobs/applications/{id}/paid|unpaid` and recording every call; applications told to
/// refuse answer 409 as jobs does for an application that is not Completed, unavailable ones 503.
/// Shared by the payments tests and the payments benchmark, which both need jobs' side of the payment workflow.
/// </summary>
public sealed class JobsDouble : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<string> _calls = new();
    private readonly ConcurrentDictionary<Guid, bool> _refusing = new();
    private readonly ConcurrentDictionary<Guid, bool> _unavailable = new();

    private JobsDouble(WebApplication app) => _app = app;

    public IReadOnlyList<string> Calls => _calls.ToList();

    public void RefusePaid(Guid applicationId) => _refusing[applicationId] = true;

    /// <summary>Answers 503 for the application until <see cref="Recover"/>, as a jobs replica that is down would.</summary>
    public void BeUnavailableFor(Guid applicationId) => _unavailable[applicationId] = true;

    public void Recover(Guid applicationId) => _unavailable.TryRemove(applicationId, out _);

    public static async Task<JobsDouble> StartAsync(DaprTestEnvironment environment)
    {
        var builder = LoopbackApp.CreateBuilder(out var port);
        var app = builder.Build();
        var jobs = new JobsDouble(app);
        app.MapPost("/internal/jobs/applications/{applicationId:guid}/{change}", (Guid applicationId, string change) =>
        {
            jobs._calls.Enqueue($"{change}:{applicationId}");
            if (jobs._unavailable.ContainsKey(applicationId)) return Results.StatusCode(503);
            return change == "paid" && jobs._refusing.ContainsKey(applicationId)
                ? Results.Problem(statusCode: 409, detail: "the application is not Completed")
                : Results.Ok(new { applicationId, status = change == "paid" ? "Paid" : "Completed" });
        });
        await app.StartAsync();
        var sidecar = await environment.Cluster.StartSidecarAsync(environment.SidecarOptions("jobs", port));
        await sidecar.AppReady.WaitAsync(TimeSpan.FromSeconds(30));
        return jobs;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
