using Dapr.Actors;
using Dapr.Actors.Runtime;

namespace OneDay.DaprEmulator.Tests.TestApp;

public interface IRelayActor : IActor
{
    /// <summary>Calls itself <paramref name="depth"/> times through its own proxy; returns how deep it went.</summary>
    Task<int> CallSelfAsync(int depth);
}

/// <summary>A reentrant actor (registered with reentrancy on): its calls back into itself must not wait for its own turn.</summary>
public sealed class RelayActor(ActorHost host) : Actor(host), IRelayActor
{
    public async Task<int> CallSelfAsync(int depth) =>
        depth == 0 ? 0 : 1 + await ProxyFactory.CreateActorProxy<IRelayActor>(Id, nameof(RelayActor)).CallSelfAsync(depth - 1);
}
