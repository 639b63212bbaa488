using Dapr.Actors.Runtime;
using Microsoft.Extensions.Options;
using OneDay.ServiceDefaults.Sagas;

namespace OneDay.Jobs.Saga;

/// <summary>Hosts one <see cref="JobApplicationProcess"/> per application (actor id = application id).</summary>
public sealed class JobApplicationSaga(
    ActorHost host,
    IServiceScopeFactory scopes,
    IOptions<JobApplicationSagaOptions> options,
    TimeProvider time) : ReminderDrivenSaga<SagaState>(host, time), IJobApplicationSaga
{
    protected override TimeSpan Heartbeat => options.Value.Heartbeat;

    public Task StartAsync() => BeginAsync(traceParent => SagaState.Begin(Guid.Parse(Id.GetId()), Time.GetUtcNow(), traceParent));

    public async Task WakeAsync()
    {
        if (await LoadAsync() is not { IsFinished: false } saved) return;
        await ContinueWithAsync(saved with { NotBefore = Time.GetUtcNow() });
    }

    public Task<SagaState?> GetStateAsync() => LoadAsync();

    protected override async Task<SagaState> AdvanceAsync(SagaState state)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<JobApplicationProcess>().AdvanceAsync(state, CancellationToken.None);
    }
}
