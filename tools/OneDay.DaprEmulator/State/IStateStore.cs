namespace OneDay.DaprEmulator.State;

/// <summary>
/// A state store component's backend. Keys arrive already prefixed by the sidecar. Refusals are thrown as
/// <see cref="StateEtagMismatchException"/>, <see cref="StateEtagInvalidException"/> or
/// <see cref="StateWriteRefusedException"/>; a backend that cannot be reached throws
/// <see cref="StateStoreUnavailableException"/>, which the sidecar maps to daprd's error for that API.
/// </summary>
public interface IStateStore
{
    Task<StateEntry?> GetAsync(string key, CancellationToken cancellationToken);

    /// <summary>Checks every operation first and applies them only when all may proceed.</summary>
    Task TransactAsync(IReadOnlyList<StateOperation> operations, CancellationToken cancellationToken);

    /// <summary>Succeeds once the store's server answers; throws <see cref="StateStoreUnavailableException"/> while it does not.</summary>
    Task PingAsync(CancellationToken cancellationToken);

    /// <summary>Live keys starting with <paramref name="prefix"/>.</summary>
    Task<IReadOnlyList<string>> KeysAsync(string prefix, CancellationToken cancellationToken);
}
