namespace OneDay.Jobs.Data;

/// <summary>
/// Instants as PostgreSQL keeps them (timestamptz holds microseconds, .NET ticks are tenths of one): what an
/// answer shows is then what a later read of the same row shows.
/// </summary>
public static class DatabaseTime
{
    public static DateTimeOffset Of(DateTimeOffset instant) => instant.AddTicks(-(instant.Ticks % 10));
}
