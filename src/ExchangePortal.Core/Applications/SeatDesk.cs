using ExchangePortal.Core.Notifications;
using ExchangePortal.Core.Cohorts;
using ExchangePortal.Core.Data;
using ExchangePortal.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.Core.Applications;

/// <summary>
/// Takes and gives back the seats of a lab. Every change to a lab's seats first locks its row, so concurrent
/// approvals queue up and the second one sees the first one's seat taken: a lab is never overfilled.
/// </summary>
public class SeatDesk(PortalDbContext db, ProgrammeClock clock, PublicLinks links)
{
    /// <summary>Locks the seat row until the caller's transaction ends and returns it, tracked and fresh.</summary>
    public async Task<CohortLab?> LockAsync(int cohortLabId, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Lock seats inside a transaction.");
        var lab = await db.CohortLabs
            .FromSql($"""SELECT *, xmin FROM "CohortLabs" WHERE "Id" = {cohortLabId} FOR UPDATE""")
            .SingleOrDefaultAsync(ct);
        if (lab is not null)
            await db.Entry(lab).Reference(l => l.HostLab).LoadAsync(ct);
        return lab;
    }

    /// <summary>Offers a seat that just freed up to the lab's first waitlisted application, and tells the coordinators.</summary>
    public async Task OfferToWaitlistAsync(CohortLab lab, DateTimeOffset now, CancellationToken ct)
    {
        if (lab.SeatsFree <= 0)
            return;
        var next = await db.Applications
            .Include(a => a.Doctor).ThenInclude(d => d.User).Include(a => a.Cohort).Include(a => a.History)
            .Where(a => a.WaitlistedForId == lab.Id && a.Status == ApplicationStatus.Waitlisted)
            .OrderBy(a => a.WaitlistedAt).ThenBy(a => a.Id)
            .FirstOrDefaultAsync(ct);
        if (next is null)
            return;
        next.Approve(lab, lab.HostLab.PrincipalInvestigatorName, next.Cohort.StartsOn, next.Cohort.EndsOn,
            now.AddDays(14), actorId: null, now, "A seat freed up and was offered to the first application on the waitlist.");
        db.Notifications.Add(ApplicationEmails.StatusChanged(next, clock, links));
        var coordinatorRole = Data.Configurations.RoleConfiguration.RoleId(Roles.UniversityCoordinator);
        var coordinators = await db.Users
            .Where(u => db.UserRoles.Any(r => r.UserId == u.Id && r.RoleId == coordinatorRole))
            .Select(u => u.Email!)
            .ToListAsync(ct);
        foreach (var email in coordinators)
            db.Notifications.Add(ApplicationEmails.SeatOfferedFromWaitlist(email, next, links, now));
    }
}
