namespace OneDay.Jobs.Data;

/// <summary>
/// Instants as PostgreSQL keeps them: at offset zero (Npgsql writes only UTC to timestamptz, and a client in Korea
/// sends +09:00) and to the microsecond (.NET ticks are tenths of one), so what an answer shows is what a later read
/// of the same row shows.
/// </summary>
public static class DatabaseTime
{
    public static DateTimeOffset Of(DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        return utc.AddTicks(-(utc.Ticks % 10));
    }
}
