namespace OneDay.DaprEmulator.State;

/// <summary>One write to a state store; keys are already prefixed by the sidecar.</summary>
public abstract record StateOperation(string Key, string? Etag, bool FirstWrite, IReadOnlyDictionary<string, string> Metadata);

public sealed record StateUpsert(string Key, byte[] Value, string? Etag, bool FirstWrite, IReadOnlyDictionary<string, string> Metadata)
    : StateOperation(Key, Etag, FirstWrite, Metadata);

public sealed record StateDelete(string Key, string? Etag, bool FirstWrite, IReadOnlyDictionary<string, string> Metadata)
    : StateOperation(Key, Etag, FirstWrite, Metadata);

public sealed record StateEntry(byte[] Value, string Etag, DateTimeOffset? ExpiresAt);

/// <summary>The given etag is not the stored one (daprd: gRPC ABORTED / HTTP 409 for single operations).</summary>
public sealed class StateEtagMismatchException(string key) : Exception($"possible etag mismatch. error from state store: failed to set key {key}");

/// <summary>The etag cannot be an etag of this store (Redis: not an integer) → InvalidArgument / 400.</summary>
public sealed class StateEtagInvalidException(string etag) : Exception($"invalid etag value: {etag}");

/// <summary>Any other refusal, e.g. first-write on an existing key without etag → Internal / 500.</summary>
public sealed class StateWriteRefusedException(string message) : Exception(message);

/// <summary>The store's server cannot be reached → Internal / 500 with the store's message.</summary>
public sealed class StateStoreUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
