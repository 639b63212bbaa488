using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using OneDay.Contracts.Notifications;

namespace OneDay.Users.Tests;

/// <summary>
/// Asking for a reset link must not tell whether an address has an account: not by the answer, and not by how
/// long the answer takes. Timing is not measured (a timed test on a shared machine proves nothing); the work is:
/// every database command the request runs is counted by its trace, and a known address must cost what an
/// unknown one does.
/// </summary>
public sealed class PasswordResetRequestTests(UsersServiceFixture fixture) : IClassFixture<UsersServiceFixture>, IDisposable
{
    private readonly ConcurrentDictionary<ActivityTraceId, int> _commandsByTrace = new();
    private readonly ActivityListener _listener = new();

    [Fact]
    public async Task A_known_and_an_unknown_address_get_the_same_answer_after_the_same_database_work_and_only_the_known_one_gets_a_link()
    {
        StartCountingCommands();
        var account = await fixture.RegisterAsync();

        var (knownAnswer, knownCommands) = await PostTracedAsync("/users/reset-password/request", new { email = account.Email });
        var (unknownAnswer, unknownCommands) = await PostTracedAsync("/users/reset-password/request", new { email = $"nobody-{Guid.NewGuid():N}@oneday.kr" });
        // The count sees a request's commands: a login looks the account up.
        var (_, loginCommands) = await PostTracedAsync("/users/login", new { email = account.Email, password = "틀린-비밀번호-2026" });

        Assert.Equal(HttpStatusCode.Accepted, knownAnswer.Status);
        Assert.Equal(knownAnswer, unknownAnswer);
        Assert.Equal(knownCommands, unknownCommands);
        Assert.True(loginCommands > 0, "the database commands of a request are counted");
        // The known address is still served, after the answer.
        await fixture.Notifications.TokenForAsync(account.Id, NotificationKind.PasswordReset);
    }

    private void StartCountingCommands()
    {
        _listener.ShouldListenTo = source => source.Name is "Npgsql" or "Microsoft.AspNetCore";
        _listener.Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded;
        _listener.ActivityStopped = activity =>
        {
            if (activity.Source.Name == "Npgsql") _commandsByTrace.AddOrUpdate(activity.TraceId, 1, (_, count) => count + 1);
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>Posts under a trace of its own; returns the answer and how many database commands ran in that trace.</summary>
    private async Task<(Answer Answer, int Commands)> PostTracedAsync(string path, object body)
    {
        var trace = ActivityTraceId.CreateRandom();
        Answer answer;
        using var client = fixture.Client();
        // The client sends the current trace as traceparent (W3C), and the service continues it.
        using (new Activity("request").SetParentId(trace, ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded).Start())
        using (var response = await client.PostAsJsonAsync(path, body))
        {
            answer = new Answer(response.StatusCode, response.Content.Headers.ContentType?.ToString(), await response.Content.ReadAsStringAsync());
        }
        return (answer, _commandsByTrace.GetValueOrDefault(trace));
    }

    private sealed record Answer(HttpStatusCode Status, string? ContentType, string Body);

    public void Dispose() => _listener.Dispose();
}
