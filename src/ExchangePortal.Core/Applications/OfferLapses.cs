using ExchangePortal.Core.Notifications;
using ExchangePortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.Core.Applications;

/// <summary>Offers not answered by their deadline lapse: the application is declined and the seat goes to the waitlist.</summary>
public class OfferLapses(PortalDbContext db, SeatDesk seats, ProgrammeClock clock, PublicLinks links)
{
    /// <summary>Lapses the overdue offers, one transaction each; returns how many lapsed.</summary>
    public async Task<int> LapseOverdueAsync(CancellationToken ct = default)
    {
        var now = clock.Now;
        var overdue = await db.Applications.AsNoTracking()
            .Where(a => a.Status == ApplicationStatus.Offered && a.OfferRespondBy < now)
            .OrderBy(a => a.OfferRespondBy)
            .Select(a => new { a.Id, LabId = a.Placement!.CohortLabId })
            .Take(100)
            .ToListAsync(ct);
        var lapsed = 0;
        foreach (var offer in overdue)
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var lab = await seats.LockAsync(offer.LabId, ct);
            var application = await db.Applications
                .Include(a => a.Doctor).ThenInclude(d => d.User).Include(a => a.Cohort).Include(a => a.History)
                .Include(a => a.Placement).ThenInclude(p => p!.CohortLab).ThenInclude(l => l.HostLab)
                .AsSplitQuery()
                .SingleAsync(a => a.Id == offer.Id, ct);
            // Answered in the meantime: nothing to lapse.
            if (application.Status != ApplicationStatus.Offered)
                continue;
            application.LapseOffer(now);
            db.Notifications.Add(ApplicationEmails.StatusChanged(application, clock, links));
            if (lab is not null)
                await seats.OfferToWaitlistAsync(lab, now, ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            lapsed++;
        }
        return lapsed;
    }
}
