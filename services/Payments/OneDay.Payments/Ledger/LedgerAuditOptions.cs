using System.ComponentModel.DataAnnotations;

namespace OneDay.Payments.Ledger;

/// <summary>How often the ledger audits itself (section "Ledger").</summary>
public sealed class LedgerAuditOptions
{
    public const string Section = "Ledger";

    /// <summary>The check reads every posting: often enough to page within minutes, rarely enough not to load the database.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Ledger:AuditInterval must be between {1} and {2}")]
    public TimeSpan AuditInterval { get; set; } = TimeSpan.FromMinutes(5);
}
