using ExchangePortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.Core.Applications;

public sealed record StayRow(int Id, uint Version, string Doctor, string Hospital, string Cohort, string Lab,
    DateOnly StartsOn, DateOnly EndsOn, ApplicationStatus Status);

/// <summary>The confirmed and running stays, which only an administrator may cancel.</summary>
public class StayList(PortalDbContext db)
{
    public async Task<IReadOnlyList<StayRow>> ListAsync(CancellationToken ct = default) =>
        await db.Applications.AsNoTracking()
            .Where(a => (a.Status == ApplicationStatus.Confirmed || a.Status == ApplicationStatus.InProgress) && a.Placement != null)
            .OrderBy(a => a.Placement!.StartsOn).ThenBy(a => a.Doctor.FullName)
            .Select(a => new StayRow(a.Id, a.Version, a.Doctor.FullName, a.Doctor.Hospital.ShortName, a.Cohort.Name,
                a.Placement!.CohortLab.HostLab.Name, a.Placement.StartsOn, a.Placement.EndsOn, a.Status))
            .ToListAsync(ct);
}
