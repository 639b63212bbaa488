namespace OneDay.Users.Accounts;

/// <summary>The bank account a worker's earnings are paid out to.</summary>
public sealed record PayoutAccount(string BankName, string AccountNumber, string AccountHolder)
{
    /// <summary>The number as it may be shown back: only the last four digits.</summary>
    public string MaskedAccountNumber =>
        AccountNumber.Length <= 4 ? new string('*', AccountNumber.Length) : new string('*', AccountNumber.Length - 4) + AccountNumber[^4..];
}
