namespace OneDay.Contracts.Users;

/// <summary>Users' answer to <c>GET /internal/users/{id}/payout-account</c> (payments asks, to transfer a withdrawal): the worker's registered bank account, in full.</summary>
public sealed record PayoutAccount(string BankName, string AccountNumber, string AccountHolder);
