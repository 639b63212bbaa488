using System.ComponentModel.DataAnnotations;

namespace OneDay.Payments.Fees;

/// <summary>The platform's fee, charged to the employer on top of the gross wage, in basis points (1000 = 10%).</summary>
public sealed class PlatformFeeOptions
{
    public const string Section = "PlatformFee";

    [Range(0, 5_000)]
    public int BasisPoints { get; set; } = 1_000;
}
