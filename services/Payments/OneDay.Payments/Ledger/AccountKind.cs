namespace OneDay.Payments.Ledger;

/// <summary>
/// The ledger's accounts. A balance is the sum of an account's postings: money entering the platform
/// makes an employer's funding account negative, money leaving it (payouts) makes PaidOut positive.
/// </summary>
public enum AccountKind
{
    /// <summary>Per employer: what they paid in through the payment provider (negative while funded).</summary>
    EmployerFunding,

    /// <summary>Held between capture and the worker's settlement.</summary>
    Escrow,

    /// <summary>Per worker: money they may withdraw; never negative.</summary>
    WorkerWallet,

    PlatformFees,

    /// <summary>Income tax and local income tax withheld for the tax office.</summary>
    WithholdingTax,

    /// <summary>Withdrawals held while the payout provider pays them out.</summary>
    PayoutClearing,

    /// <summary>Money paid out to workers' bank accounts.</summary>
    PaidOut,
}
