namespace OneDay.Jobs.Workflows;

/// <summary>The external event the attendance API raises once a matched worker's check-in is committed.</summary>
public sealed record ShiftCheckedIn
{
    public const string EventName = "shift-checked-in";
}

/// <summary>The external event the attendance API raises once the worker's confirmation that they will come is committed.</summary>
public sealed record ShiftConfirmed
{
    public const string EventName = "shift-confirmed";
}

/// <summary>The external event the attendance API raises once the worker's check-out is committed.</summary>
public sealed record ShiftCheckedOut
{
    public const string EventName = "shift-checked-out";
}

/// <summary>The external event the contract API raises once the second party's signature on the contract in force is committed.</summary>
public sealed record ContractSigned
{
    public const string EventName = "contract-signed";
}
