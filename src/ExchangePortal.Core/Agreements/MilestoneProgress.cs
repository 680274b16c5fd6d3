using System.Linq.Expressions;
using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Cohorts;
using ExchangePortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.Core.Agreements;

/// <summary>The actual value of milestones' targets, counted from the portal's records in one SQL statement.</summary>
public class MilestoneProgress(PortalDbContext db)
{
    /// <summary>
    /// A doctor counts as placed once the offer is accepted: the placement still holds its seat and the application is
    /// Confirmed, InProgress or Completed. An Offered application is not yet placed (the doctor may decline), and a
    /// declined, withdrawn or cancelled one has released its seat.
    /// </summary>
    public static readonly ApplicationStatus[] Placed = [ApplicationStatus.Confirmed, ApplicationStatus.InProgress, ApplicationStatus.Completed];

    /// <summary>The placements of placed doctors (see <see cref="Placed"/>), as a query filter: the one rule targets and reports count by.</summary>
    public static readonly Expression<Func<Placement, bool>> IsPlaced = p => p.ReleasedAt == null && Placed.Contains(p.Application.Status);

    /// <returns>Milestone id → actual value, for the milestones of the agreement that have a target.</returns>
    public Task<Dictionary<int, int>> ForAgreementAsync(int agreementId, CancellationToken ct = default) =>
        CountAsync(db.Milestones.Where(m => m.AgreementId == agreementId), ct);

    /// <returns>Milestone id → actual value, for those of the given milestones that have a target.</returns>
    public Task<Dictionary<int, int>> ForMilestonesAsync(IReadOnlyCollection<int> milestoneIds, CancellationToken ct = default) =>
        CountAsync(db.Milestones.Where(m => milestoneIds.Contains(m.Id)), ct);

    private async Task<Dictionary<int, int>> CountAsync(IQueryable<AgreementMilestone> milestones, CancellationToken ct)
    {
        var isPlaced = IsPlaced;
        var actuals = await milestones.AsNoTracking()
            .Where(m => m.Measure != null)
            .Select(m => new
            {
                m.Id,
                Actual = m.Measure == MilestoneMeasure.DoctorsPlaced
                    ? db.Placements.Where(isPlaced)
                        .Where(p => p.CohortLab.Cohort.AgreementId == m.AgreementId
                            && (m.TargetLabId == null || p.CohortLab.HostLabId == m.TargetLabId)
                            && (m.TargetDepartment == null || p.CohortLab.HostLab.Department == m.TargetDepartment)
                            && (m.TargetFrom == null || p.StartsOn >= m.TargetFrom)
                            && (m.TargetTo == null || p.StartsOn <= m.TargetTo))
                        .Select(p => p.ApplicationId).Distinct().Count()
                    : m.Measure == MilestoneMeasure.CohortsCompleted
                        ? db.Cohorts.Count(c => c.AgreementId == m.AgreementId && c.Status == CohortStatus.Completed)
                        // Reports filed: the end-of-stay report forms (one a stay), not the optional PDF attachments.
                        : db.StayReports.Count(r => db.Applications.Any(a => a.Id == r.ApplicationId && a.Cohort.AgreementId == m.AgreementId)),
            })
            .ToListAsync(ct);
        return actuals.ToDictionary(a => a.Id, a => a.Actual);
    }
}
