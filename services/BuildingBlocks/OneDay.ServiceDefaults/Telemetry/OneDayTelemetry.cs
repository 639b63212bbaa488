using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace OneDay.ServiceDefaults.Telemetry;

/// <summary>
/// Names of OneDay's own activity sources and meters. Every source and meter whose name starts with
/// "OneDay." is exported, so a service adds its business metrics with <c>new Meter("OneDay.Jobs")</c>.
/// </summary>
public static class OneDayTelemetry
{
    public const string Prefix = "OneDay.";

    /// <summary>Spans for work that starts outside a request: outbox publishing, migrations, sagas.</summary>
    public static ActivitySource Source { get; } = new("OneDay.Services");

    public static Meter Meter { get; } = new("OneDay.Services");
}
