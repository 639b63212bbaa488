using Grpc.Core;
using OneDay.DaprEmulator.Hosting;

namespace OneDay.DaprEmulator.State;

/// <summary>
/// One sidecar's state API over its state store components, with daprd's key prefixing and error
/// mapping (dapr pkg/api/grpc/grpc.go SaveState/DeleteState/ExecuteStateTransaction; DAPR-CONTRACTS §C.5):
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

    public StateEntry? Get(string storeName, string key)
    {
        var store = Store(storeName);
        return store.Store.Get(store.Prefixed(sidecar.AppId, CheckKey(key)));
    }

    public void Save(string storeName, IEnumerable<StateOperation> operations) => Apply(storeName, operations, "ERR_STATE_SAVE");

    public void Delete(string storeName, IEnumerable<StateOperation> operations) => Apply(storeName, operations, "ERR_STATE_DELETE");

    public void Transact(string storeName, IReadOnlyList<StateOperation> operations)
    {
        var store = Store(storeName);
        try
        {
            store.Store.Transact(operations.Select(o => Prefix(store, o)).ToList());
        }
        catch (Exception ex) when (ex is StateEtagMismatchException or StateEtagInvalidException or StateWriteRefusedException)
        {
            throw new DaprApiException(500, StatusCode.Internal, "ERR_STATE_TRANSACTION", $"error while executing state transaction: {ex.Message}");
        }
    }

    private void Apply(string storeName, IEnumerable<StateOperation> operations, string errorCode)
    {
        var store = Store(storeName);
        foreach (var operation in operations)
        {
            try
            {
                store.Store.Apply(Prefix(store, operation));
            }
            catch (StateEtagMismatchException ex)
            {
                throw new DaprApiException(409, StatusCode.Aborted, errorCode, $"failed saving state in state store {storeName}: {ex.Message}");
            }
            catch (StateEtagInvalidException ex)
            {
                throw new DaprApiException(400, StatusCode.InvalidArgument, errorCode, $"failed saving state in state store {storeName}: {ex.Message}");
            }
            catch (StateWriteRefusedException ex)
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
