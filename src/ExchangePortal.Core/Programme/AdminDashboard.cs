using ExchangePortal.Core.Agreements;
using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Cohorts;
using ExchangePortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.Core.Programme;

public sealed record CohortProgress(int Id, string Name, CohortStatus Status, DateOnly StartsOn, DateOnly EndsOn,
    int Capacity, int SeatsTaken, IReadOnlyDictionary<ApplicationStatus, int> ApplicationsByStatus);

public sealed record MilestoneRow(int Id, string Agreement, string Title, DateOnly DueOn, MilestoneStatus Status, string? Owner);

public sealed record DashboardView(IReadOnlyList<CohortProgress> Cohorts, IReadOnlyList<MilestoneRow> Overdue, IReadOnlyList<MilestoneRow> DueSoon);

/// <summary>The programme office's overview across cohorts; a fixed number of queries whatever the data size.</summary>
public class AdminDashboard(PortalDbContext db, ProgrammeClock clock)
{
    public async Task<DashboardView> GetAsync(CancellationToken ct = default)
    {
        var today = clock.Today;
        var cohorts = await db.Cohorts.AsNoTracking()
            .Where(c => c.Status == CohortStatus.Open || c.Status == CohortStatus.Reviewing || c.Status == CohortStatus.InProgress)
            .OrderBy(c => c.StartsOn)
            .Select(c => new { c.Id, c.Name, c.Status, c.StartsOn, c.EndsOn, c.Capacity, SeatsTaken = c.Labs.Sum(l => l.SeatsTaken) })
            .ToListAsync(ct);
        var cohortIds = cohorts.Select(c => c.Id).ToList();
        // The trigger-kept counters, not a count over the cohorts' applications (see ApplicationStatusCount).
        var counts = await db.ApplicationStatusCounts.AsNoTracking()
            .Where(c => cohortIds.Contains(c.CohortId))
            .GroupBy(c => new { c.CohortId, c.Status })
            .Select(g => new { g.Key.CohortId, g.Key.Status, Count = g.Sum(c => c.Count) })
            .Where(g => g.Count > 0)
            .ToListAsync(ct);
        var milestones = await db.Milestones.AsNoTracking()
            .Where(m => m.Status != MilestoneStatus.Done && m.Status != MilestoneStatus.Missed && m.DueOn <= today.AddDays(30))
            .OrderBy(m => m.DueOn)
            .Select(m => new MilestoneRow(m.Id, m.Agreement.Title, m.Title, m.DueOn, m.Status, m.Owner == null ? null : m.Owner.DisplayName))
            .ToListAsync(ct);
        return new DashboardView(
            cohorts.Select(c => new CohortProgress(c.Id, c.Name, c.Status, c.StartsOn, c.EndsOn, c.Capacity, c.SeatsTaken,
                counts.Where(x => x.CohortId == c.Id).ToDictionary(x => x.Status, x => x.Count))).ToList(),
            milestones.Where(m => m.DueOn < today).ToList(),
            milestones.Where(m => m.DueOn >= today).ToList());
    }
}
