using Microsoft.EntityFrameworkCore;
using OneDay.Payments.Data;

namespace OneDay.Payments.ResidentNumbers;

/// <summary>
/// Which keys the stored numbers are sealed under, and moving them all to the current key, so that an older key can
/// leave the secret (docs/resident-numbers.md §4). The digits pass through memory only, as for any read, and are never logged.
/// </summary>
public sealed partial class ResidentNumberKeys(PaymentsDbContext db, ResidentNumberCipher cipher, ILogger<ResidentNumberKeys> logger)
{
    private const int Batch = 500;

    public async Task<ResidentNumberKeyInventory> InventoryAsync(CancellationToken cancellationToken)
    {
        // The key id read in SQL from the format ResidentNumberCipher writes: byte 0 the format, byte 1 the id's length.
        // Columns named as the snake_case convention maps KeyCount's properties.
        var counts = await db.Database.SqlQuery<KeyCount>($"""
            SELECT CASE get_byte(sealed_resident_number, 0) WHEN 1 THEN NULL
                   ELSE convert_from(substring(sealed_resident_number FROM 3 FOR get_byte(sealed_resident_number, 1)), 'UTF8') END AS key_id,
                   count(*)::int AS numbers
            FROM worker_tax_identities GROUP BY 1
            """).ToListAsync(cancellationToken);
        return new(cipher.CurrentKeyId, counts
            .Select(c => new SealedUnderKey(c.KeyId, c.Numbers, cipher.Holds(c.KeyId), c.KeyId == cipher.CurrentKeyId))
            .OrderByDescending(k => k.Current).ThenBy(k => k.KeyId, StringComparer.Ordinal).ToList());
    }

    /// <summary>
    /// Re-seals every number not under the current key whose key the secret still holds; numbers under a missing key stay
    /// as they are and show in the inventory returned. A number the worker replaces meanwhile is left to their save.
    /// </summary>
    public async Task<ResealedResidentNumbers> ResealAsync(CancellationToken cancellationToken)
    {
        var resealed = 0;
        var after = Guid.Empty;
        while (true)
        {
            var rows = await db.WorkerTaxIdentities.AsNoTracking().Where(i => i.WorkerId.CompareTo(after) > 0).OrderBy(i => i.WorkerId)
                .Select(i => new { i.WorkerId, i.SealedResidentNumber }).Take(Batch).ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                var keyId = ResidentNumberCipher.KeyIdOf(row.SealedResidentNumber);
                if (keyId == cipher.CurrentKeyId || !cipher.Holds(keyId)) continue;
                var resealedNumber = cipher.Seal(row.WorkerId, cipher.Open(row.WorkerId, row.SealedResidentNumber));
                resealed += await db.Database.ExecuteSqlAsync($"""
                    UPDATE worker_tax_identities SET sealed_resident_number = {resealedNumber}
                    WHERE worker_id = {row.WorkerId} AND sealed_resident_number = {row.SealedResidentNumber}
                    """, cancellationToken);
            }
            if (rows.Count < Batch) break;
            after = rows[^1].WorkerId;
        }
        LogResealed(logger, resealed, cipher.CurrentKeyId ?? "(EncryptionKey)");
        return new(resealed, await InventoryAsync(cancellationToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-sealed {Count} resident numbers under key {KeyId}")]
    private static partial void LogResealed(ILogger logger, int count, string keyId);

    private sealed record KeyCount(string? KeyId, int Numbers);
}

/// <summary>How many stored numbers each key seals (a null id: the unnamed EncryptionKey), and whether the secret holds it.</summary>
public sealed record SealedUnderKey(string? KeyId, int Numbers, bool Held, bool Current);

/// <summary>The current key and what the stored numbers are sealed under; a key not <see cref="SealedUnderKey.Held"/> needs restoring.</summary>
public sealed record ResidentNumberKeyInventory(string? CurrentKeyId, IReadOnlyList<SealedUnderKey> SealedUnder);

/// <summary>What one re-sealing pass moved to the current key, and what the stored numbers are sealed under afterwards.</summary>
public sealed record ResealedResidentNumbers(int Resealed, ResidentNumberKeyInventory After);
