using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.Core.Data;

internal static class ConcurrentSaving
{
    /// <summary>Saves; a row someone else changed since it was read (its xmin moved) refuses the change with <paramref name="changedMeanwhile"/>.</summary>
    public static async Task SaveOrRefuseAsync(this PortalDbContext db, string changedMeanwhile, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new DomainException(changedMeanwhile);
        }
    }
}
