using Grpc.Core;
using OneDay.DaprEmulator.Hosting;

namespace OneDay.DaprEmulator.State;

/// <summary>
/// One sidecar's state API over its state store components, with daprd's key prefixing and error
/// mapping (dapr pkg/api/grpc/grpc.go SaveState/DeleteState/ExecuteStateTransaction; docs/dapr-sidecar.md §C.5):
/// an etag mismatch on a single save/delete is ABORTED (HTTP 409), an invalid etag INVALID_ARGUMENT
/// (400), other refusals INTERNAL (500); inside a transaction every failure is INTERNAL (500).
/// </summary>
public sealed class SidecarState(Sidecar sidecar)
{
    public StateStoreComponent Store(string name)
    {
        if (sidecar.Components.StateStores.Count == 0) throw DaprApiException.StateStoresNotConfigured();
        return sidecar.Components.StateStores.TryGetValue(name, out var store) ? store : throw DaprApiException.StateStoreNotFound(name);
    }

    public async Task<StateEntry?> GetAsync(string storeName, string key, CancellationToken cancellationToken)
    {
        var store = Store(storeName);
        try
        {
            return await store.Store.GetAsync(store.Prefixed(sidecar.AppId, CheckKey(key)), cancellationToken).ConfigureAwait(false);
        }
        catch (StateStoreUnavailableException ex)
        {
            throw new DaprApiException(500, StatusCode.Internal, "ERR_STATE_GET", $"fail to get {key} from state store {storeName}: {ex.Message}");
        }
    }

    public Task SaveAsync(string storeName, IEnumerable<StateOperation> operations, CancellationToken cancellationToken) =>
        ApplyAsync(storeName, operations, "ERR_STATE_SAVE", cancellationToken);

    public Task DeleteAsync(string storeName, IEnumerable<StateOperation> operations, CancellationToken cancellationToken) =>
        ApplyAsync(storeName, operations, "ERR_STATE_DELETE", cancellationToken);

    public async Task TransactAsync(string storeName, IReadOnlyList<StateOperation> operations, CancellationToken cancellationToken)
    {
        var store = Store(storeName);
        try
        {
            await store.Store.TransactAsync(operations.Select(o => Prefix(store, o)).ToList(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is StateEtagMismatchException or StateEtagInvalidException or StateWriteRefusedException or StateStoreUnavailableException)
        {
            throw new DaprApiException(500, StatusCode.Internal, "ERR_STATE_TRANSACTION", $"error while executing state transaction: {ex.Message}");
        }
    }

    private async Task ApplyAsync(string storeName, IEnumerable<StateOperation> operations, string errorCode, CancellationToken cancellationToken)
    {
        var store = Store(storeName);
        foreach (var operation in operations)
        {
            try
            {
                await store.Store.TransactAsync([Prefix(store, operation)], cancellationToken).ConfigureAwait(false);
            }
            catch (StateEtagMismatchException ex)
            {
                throw new DaprApiException(409, StatusCode.Aborted, errorCode, $"failed saving state in state store {storeName}: {ex.Message}");
            }
            catch (StateEtagInvalidException ex)
            {
                throw new DaprApiException(400, StatusCode.InvalidArgument, errorCode, $"failed saving state in state store {storeName}: {ex.Message}");
            }
            catch (Exception ex) when (ex is StateWriteRefusedException or StateStoreUnavailableException)
            {
                throw new DaprApiException(500, StatusCode.Internal, errorCode, $"failed saving state in state store {storeName}: {ex.Message}");
            }
        }
    }

    private StateOperation Prefix(StateStoreComponent store, StateOperation operation)
    {
        var key = store.Prefixed(sidecar.AppId, CheckKey(operation.Key));
        return operation switch
        {
            StateUpsert upsert => upsert with { Key = key },
            StateDelete delete => delete with { Key = key },
            _ => throw new ArgumentOutOfRangeException(nameof(operation)),
        };
    }

    private static string CheckKey(string key) =>
        key.Contains("||", StringComparison.Ordinal)
            ? throw DaprApiException.MalformedRequest($"input key/keyPrefix '{key}' can't contain '||'")
            : key;
}
