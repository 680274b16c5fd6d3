using ExchangePortal.Core.Auditing;
using ExchangePortal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ExchangePortal.Core.Agreements;

/// <summary>
/// Active agreements whose end date has passed become Expired by themselves, each audited as the portal's own change.
/// Every instance may run it: an agreement expired meanwhile by another (its row version moved) is simply skipped.
/// </summary>
public class AgreementExpiry(PortalDbContext db, ProgrammeClock clock, ILogger<AgreementExpiry> logger)
{
    /// <summary>Expires the agreements that ended before today; returns how many this run expired.</summary>
    public async Task<int> ExpireEndedAsync(CancellationToken ct = default)
    {
        var today = clock.Today;
        var ended = await db.Agreements.AsNoTracking().Where(a => a.Status == AgreementStatus.Active && a.EffectiveTo < today)
            .OrderBy(a => a.Id).Select(a => a.Id).Take(100).ToListAsync(ct);
        var expired = 0;
        foreach (var id in ended)
        {
            db.ChangeTracker.Clear();
            var agreement = await db.Agreements.SingleAsync(a => a.Id == id, ct);
            if (agreement.Status != AgreementStatus.Active)
                continue;
            agreement.Expire(today);
            db.AuditEntries.Add(new AuditEntry(clock.Now, null, "agreement.expired", nameof(Agreement), id.ToString(), new()
            {
                ["Status"] = new FieldChange(nameof(AgreementStatus.Active), nameof(AgreementStatus.Expired)),
            }));
            try
            {
                await db.SaveChangesAsync(ct);
                expired++;
            }
            catch (DbUpdateConcurrencyException)
            {
                // Changed meanwhile (expired by another instance, or edited): the next run looks again.
            }
        }
        db.ChangeTracker.Clear();
        if (expired > 0)
            logger.LogInformation("Agreements: {Expired} expired", expired);
        return expired;
    }
}
