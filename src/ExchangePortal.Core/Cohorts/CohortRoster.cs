using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Auditing;
using ExchangePortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.Core.Cohorts;

public sealed record RosterRow(int ApplicationId, string Doctor, string Hospital, string Specialty, string Lab, string Supervisor,
    DateOnly StartsOn, DateOnly EndsOn, ApplicationStatus Status, string Email);

public sealed record RosterView(int CohortId, string Cohort, IReadOnlyList<RosterRow> Arrivals, IReadOnlyList<RosterRow> Roster);

/// <summary>Who is placed in a cohort: the coming arrivals by date, and the whole roster.</summary>
public class CohortRoster(PortalDbContext db, ProgrammeClock clock)
{
    private static readonly ApplicationStatus[] Placed =
        [ApplicationStatus.Offered, ApplicationStatus.Confirmed, ApplicationStatus.InProgress, ApplicationStatus.Completed];

    public async Task<RosterView?> GetAsync(int cohortId, CancellationToken ct = default)
    {
        var cohort = await db.Cohorts.AsNoTracking().Where(c => c.Id == cohortId).Select(c => c.Name).SingleOrDefaultAsync(ct);
        if (cohort is null)
            return null;
        var roster = await Rows(cohortId, arrivalsOnly: false).ToListAsync(ct);
        var arrivals = roster.Where(r => r.Status == ApplicationStatus.Confirmed).OrderBy(r => r.StartsOn).ThenBy(r => r.Doctor).ToList();
        return new RosterView(cohortId, cohort, arrivals, roster);
    }

    /// <summary>The roster (or only the coming arrivals) as a stream, for exports that never hold the whole list in memory.</summary>
    /// <remarks>The export (every row's id and person) is written to the audit trail first.</remarks>
    public async Task<IAsyncEnumerable<RosterRow>> ExportAsync(int cohortId, bool arrivalsOnly, string actorId, string format,
        CancellationToken ct = default)
    {
        await db.RecordExportAsync(Placements(cohortId, arrivalsOnly).Select(a => new ExportedRow(a.Id, a.Doctor.UserId)), actorId,
            arrivalsOnly ? $"arrivals:{cohortId}" : $"roster:{cohortId}", format, clock.Now, ct);
        return Rows(cohortId, arrivalsOnly).AsAsyncEnumerable();
    }

    private IQueryable<ExchangeApplication> Placements(int cohortId, bool arrivalsOnly) => db.Applications.AsNoTracking()
        .Where(a => a.CohortId == cohortId && a.Placement != null)
        .Where(a => arrivalsOnly ? a.Status == ApplicationStatus.Confirmed : Placed.Contains(a.Status));

    private IQueryable<RosterRow> Rows(int cohortId, bool arrivalsOnly) => Placements(cohortId, arrivalsOnly)
        .OrderBy(a => a.Placement!.StartsOn).ThenBy(a => a.Doctor.FullName)
        .Select(a => new RosterRow(a.Id, a.Doctor.FullName, a.Doctor.Hospital.ShortName, a.Doctor.Specialty,
            a.Placement!.CohortLab.HostLab.Name, a.Placement.Supervisor, a.Placement.StartsOn, a.Placement.EndsOn, a.Status, a.Doctor.Email));
}
