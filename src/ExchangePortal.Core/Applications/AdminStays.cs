using ExchangePortal.Core.Notifications;
using ExchangePortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.Core.Applications;

public sealed record StayRow(int Id, uint Version, string Doctor, string Hospital, string Cohort, string Lab,
    DateOnly StartsOn, DateOnly EndsOn, ApplicationStatus Status, string ApplicantUserId);

/// <summary>The confirmed and running stays, which only an administrator may cancel.</summary>
public class AdminStays(PortalDbContext db, SeatDesk seats, ProgrammeClock clock, PublicLinks links)
{
    public async Task<IReadOnlyList<StayRow>> ListAsync(CancellationToken ct = default) =>
        await db.Applications.AsNoTracking()
            .Where(a => (a.Status == ApplicationStatus.Confirmed || a.Status == ApplicationStatus.InProgress) && a.Placement != null)
            .OrderBy(a => a.Placement!.StartsOn).ThenBy(a => a.Doctor.FullName)
            .Select(a => new StayRow(a.Id, a.Version, a.Doctor.FullName, a.Doctor.Hospital.ShortName, a.Cohort.Name,
                a.Placement!.CohortLab.HostLab.Name, a.Placement.StartsOn, a.Placement.EndsOn, a.Status, a.Doctor.UserId))
            .ToListAsync(ct);

    /// <summary>An administrator cancels a confirmed or running stay; the seat goes to the lab's waitlist.</summary>
    public async Task<bool> CancelAsync(int id, uint version, string reason, string actorId, CancellationToken ct = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var placementLabId = await db.Placements.Where(p => p.ApplicationId == id).Select(p => (int?)p.CohortLabId).SingleOrDefaultAsync(ct);
        var lab = placementLabId is { } labId ? await seats.LockAsync(labId, ct) : null;
        if (!await ApplicationChanges.ApplyAsync(db, db.Applications, id, version, actorId, async a =>
            {
                a.Cancel(reason, actorId, clock.Now);
                if (lab is not null)
                    await seats.OfferToWaitlistAsync(lab, clock.Now, ct);
            }, clock, links, ct))
            return false;
        await transaction.CommitAsync(ct);
        return true;
    }
}
