namespace OneDay.Payments.Clients;

/// <summary>The bank account a withdrawal is transferred into: the worker's, as registered with users.</summary>
public sealed record PayoutAccount(string BankName, string AccountNumber, string AccountHolder)
{
    /// <summary>What the worker is shown back: the bank and the last four digits.</summary>
    public string Masked => $"{BankName} {(AccountNumber.Length <= 4 ? AccountNumber : new string('*', AccountNumber.Length - 4) + AccountNumber[^4..])}";
}

/// <summary>Users' record of where a worker is paid out.</summary>
public interface IPayoutAccounts
{
    /// <summary>The worker's registered account, or null when they have not registered one.</summary>
    Task<PayoutAccount?> FindAsync(Guid workerId, CancellationToken cancellationToken);
}
