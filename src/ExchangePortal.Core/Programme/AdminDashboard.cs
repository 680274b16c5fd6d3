using ExchangePortal.Core.Agreements;
using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Cohorts;
using ExchangePortal.Core.Data;
using ExchangePortal.Core.Documents;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.Core.Programme;

public sealed record LabSeatsTaken(string Lab, int Seats, int SeatsTaken);

/// <summary>Arrivals and completions recorded in one period (a week, or a month for long cohorts) starting on <see cref="StartsOn"/>.</summary>
public sealed record PeriodCount(DateOnly StartsOn, int Arrivals, int Completions);

public sealed record CohortProgress(int Id, string Name, CohortStatus Status, DateOnly StartsOn, DateOnly EndsOn,
    int Capacity, int SeatsTaken, IReadOnlyDictionary<ApplicationStatus, int> ApplicationsByStatus,
    IReadOnlyList<LabSeatsTaken> Labs, bool ByMonth, IReadOnlyList<PeriodCount> ArrivalsAndCompletions, int Confirmed, int Ready);

public sealed record MilestoneRow(int Id, string Agreement, string Title, DateOnly DueOn, MilestoneStatus Status, string? Owner);

public sealed record ExpiringDocument(int ApplicationId, string Holder, string Cohort, DocumentKind Kind, DateOnly ExpiresOn, DateOnly StayEndsOn);

public sealed record DashboardView(IReadOnlyList<CohortProgress> Cohorts, IReadOnlyList<MilestoneRow> Overdue, IReadOnlyList<MilestoneRow> DueSoon,
    IReadOnlyList<ExpiringDocument> ExpiringDocuments);

/// <summary>
/// The programme office's overview across cohorts. Every figure is an aggregate computed by PostgreSQL, in six statements
/// whatever the data size; each reads through an index (docs/performance.md).
/// </summary>
public class AdminDashboard(PortalDbContext db, ProgrammeClock clock)
{
    /// <summary>The papers a doctor must hold, valid through the last day of the stay, before the stay can go ahead.</summary>
    public static readonly DocumentKind[] StayDocuments = [DocumentKind.PractisingLicence, DocumentKind.TravelDocument, DocumentKind.Insurance];

    /// <summary>Cohorts longer than this are charted by month rather than by week.</summary>
    private const int WeeklyUpToDays = 183;

    public async Task<DashboardView> GetAsync(CancellationToken ct = default)
    {
        var today = clock.Today;
        var cleared = Clearance.ClearanceRules.Cleared(db.Documents);
        var cohorts = await db.Cohorts.AsNoTracking()
            .Where(c => c.Status == CohortStatus.Open || c.Status == CohortStatus.Reviewing || c.Status == CohortStatus.InProgress)
            .OrderBy(c => c.StartsOn)
            .Select(c => new
            {
                c.Id,
                c.Name,
                c.Status,
                c.StartsOn,
                c.EndsOn,
                c.Capacity,
                SeatsTaken = c.Labs.Sum(l => l.SeatsTaken),
                // Readiness: of the confirmed and running stays, those cleared by the rule the clearance board shows.
                Confirmed = db.Applications.Count(a => a.CohortId == c.Id
                    && (a.Status == ApplicationStatus.Confirmed || a.Status == ApplicationStatus.InProgress)),
                Ready = db.Applications.Where(a => a.CohortId == c.Id
                    && (a.Status == ApplicationStatus.Confirmed || a.Status == ApplicationStatus.InProgress)).Count(cleared),
            })
            .ToListAsync(ct);
        var cohortIds = cohorts.Select(c => c.Id).ToList();

        // The trigger-kept counters, not a count over the cohorts' applications (see ApplicationStatusCount).
        var counts = await db.ApplicationStatusCounts.AsNoTracking()
            .Where(c => cohortIds.Contains(c.CohortId))
            .GroupBy(c => new { c.CohortId, c.Status })
            .Select(g => new { g.Key.CohortId, g.Key.Status, Count = g.Sum(c => c.Count) })
            .Where(g => g.Count > 0)
            .ToListAsync(ct);

        var labs = await db.CohortLabs.AsNoTracking()
            .Where(l => cohortIds.Contains(l.CohortId))
            .OrderBy(l => l.HostLab.Name)
            .Select(l => new { l.CohortId, Seats = new LabSeatsTaken(l.HostLab.Name, l.Seats, l.SeatsTaken) })
            .ToListAsync(ct);

        var events = await ArrivalsAndCompletionsByDayAsync(cohortIds, ct);

        var milestones = await db.Milestones.AsNoTracking()
            .Where(m => MilestoneRules.OpenStatuses.Contains(m.Status) && m.DueOn <= today.AddDays(30))
            .OrderBy(m => m.DueOn)
            .Select(m => new MilestoneRow(m.Id, m.Agreement.Title, m.Title, m.DueOn, m.Status, m.Owner == null ? null : m.Owner.DisplayName))
            .ToListAsync(ct);

        // A stay lies within its cohort's dates, so only cohorts not yet ended hold one: the plan goes from those few cohorts
        // to their confirmed and running applications, then each one's placement and papers, all by index.
        var expiring = await db.Documents.AsNoTracking()
            .Where(d => d.Application != null && d.Application.Cohort.EndsOn >= today
                && (d.Application.Status == ApplicationStatus.Confirmed || d.Application.Status == ApplicationStatus.InProgress)
                && d.Application.Placement != null && d.Application.Placement.EndsOn >= today
                && StayDocuments.Contains(d.Kind)
                && d.ExpiresOn < d.Application.Placement.EndsOn)
            .OrderBy(d => d.ExpiresOn).ThenBy(d => d.Application!.Doctor.FullName)
            .Select(d => new ExpiringDocument(d.Application!.Id, d.Application.Doctor.FullName, d.Application.Cohort.Name, d.Kind,
                d.ExpiresOn!.Value, d.Application.Placement!.EndsOn))
            .ToListAsync(ct);

        return new DashboardView(
            cohorts.Select(c =>
            {
                var byMonth = c.EndsOn.DayNumber - c.StartsOn.DayNumber > WeeklyUpToDays;
                return new CohortProgress(c.Id, c.Name, c.Status, c.StartsOn, c.EndsOn, c.Capacity, c.SeatsTaken,
                    counts.Where(x => x.CohortId == c.Id).ToDictionary(x => x.Status, x => x.Count),
                    labs.Where(l => l.CohortId == c.Id).Select(l => l.Seats).ToList(),
                    byMonth, Periods(c.StartsOn, c.EndsOn, byMonth, events.Where(e => e.CohortId == c.Id).ToList()),
                    c.Confirmed, c.Ready);
            }).ToList(),
            milestones.Where(m => m.DueOn < today).ToList(),
            milestones.Where(m => m.DueOn >= today).ToList(),
            expiring);
    }

    /// <summary>
    /// Arrivals and completions as the history records them: the day a coordinator marked the doctor arrived (to InProgress)
    /// or the stay completed (to Completed), in the programme's time zone. These are what happened; a placement's dates are
    /// only what was planned. Only an application that arrived can be in progress, completed or cancelled after arriving, so the
    /// statement reads those few (index on cohort and status) and their history (index on application): one row per cohort,
    /// event and day, whatever the number of applications.
    /// </summary>
    private async Task<List<DayCount>> ArrivalsAndCompletionsByDayAsync(List<int> cohortIds, CancellationToken ct)
    {
        var timeZone = clock.TimeZone.Id;
        var ids = cohortIds.ToArray();
        return await db.Database.SqlQuery<DayCount>($"""
            SELECT a."CohortId", h."To" = 'InProgress' AS "Arrival", (h."At" AT TIME ZONE {timeZone})::date AS "Day", count(*)::int AS "Count"
            FROM "Applications" a
            JOIN "ApplicationHistory" h ON h."ApplicationId" = a."Id"
            WHERE a."CohortId" = ANY({ids}) AND a."Status" IN ('InProgress', 'Completed', 'Cancelled') AND h."To" IN ('InProgress', 'Completed')
            GROUP BY 1, 2, 3
            """).ToListAsync(ct);
    }

    /// <summary>Every week (or month) from the cohort's start to its end, widened to any event recorded outside those dates.</summary>
    private static List<PeriodCount> Periods(DateOnly startsOn, DateOnly endsOn, bool byMonth, List<DayCount> days)
    {
        DateOnly PeriodOf(DateOnly day) => byMonth
            ? new DateOnly(day.Year, day.Month, 1)
            : startsOn.AddDays((int)Math.Floor((day.DayNumber - startsOn.DayNumber) / 7.0) * 7);
        var first = PeriodOf(days.Count == 0 ? startsOn : new[] { startsOn, days.Min(d => d.Day) }.Min());
        var last = PeriodOf(days.Count == 0 ? endsOn : new[] { endsOn, days.Max(d => d.Day) }.Max());
        var periods = new List<PeriodCount>();
        for (var p = first; p <= last; p = byMonth ? p.AddMonths(1) : p.AddDays(7))
        {
            var inPeriod = days.Where(d => PeriodOf(d.Day) == p).ToList();
            periods.Add(new PeriodCount(p, inPeriod.Where(d => d.Arrival).Sum(d => d.Count), inPeriod.Where(d => !d.Arrival).Sum(d => d.Count)));
        }
        return periods;
    }

    private sealed record DayCount(int CohortId, bool Arrival, DateOnly Day, int Count);
}
