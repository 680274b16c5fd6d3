using ExchangePortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.Core.Agreements;

public sealed record TimelineEntry(int Id, DateOnly DueOn, string Title, MilestoneStatus Status, MilestoneSource Source, string? Cohort,
    bool Overdue);

/// <param name="TodayAt">Where today falls among the entries (an index), or null when today is not in this quarter.</param>
public sealed record TimelineQuarter(int Year, int Quarter, IReadOnlyList<TimelineEntry> Entries, int? TodayAt);

public sealed record TimelineView(int AgreementId, string Title, DateOnly Today, IReadOnlyList<TimelineQuarter> Quarters);

/// <summary>Every milestone of an agreement, manual and cohort key dates, in date order grouped by quarter, with today marked.</summary>
public class AgreementTimeline(PortalDbContext db, ProgrammeClock clock)
{
    public async Task<TimelineView?> GetAsync(int agreementId, CancellationToken ct = default)
    {
        var today = clock.Today;
        var agreement = await db.Agreements.AsNoTracking().Where(a => a.Id == agreementId)
            .Select(a => new
            {
                a.Title,
                Milestones = a.Milestones.OrderBy(m => m.DueOn).ThenBy(m => m.Id)
                    .Select(m => new TimelineEntry(m.Id, m.DueOn, m.Title, m.Status, m.Source, m.Cohort == null ? null : m.Cohort.Name,
                        MilestoneRules.OpenStatuses.Contains(m.Status) && m.DueOn < today))
                    .ToList(),
            })
            .SingleOrDefaultAsync(ct);
        return agreement is null ? null : new TimelineView(agreementId, agreement.Title, today, ByQuarter(agreement.Milestones, today));
    }

    public static IReadOnlyList<TimelineQuarter> ByQuarter(IReadOnlyList<TimelineEntry> entries, DateOnly today)
    {
        var todayKey = (today.Year, QuarterOf(today));
        var groups = entries.GroupBy(e => (e.DueOn.Year, Quarter: QuarterOf(e.DueOn))).ToDictionary(g => g.Key, g => g.ToList());
        groups.TryAdd(todayKey, []);
        return groups.OrderBy(g => g.Key.Year).ThenBy(g => g.Key.Quarter)
            .Select(g => new TimelineQuarter(g.Key.Year, g.Key.Quarter, g.Value, g.Key == todayKey ? TodayAt(g.Value, today) : null))
            .ToList();
    }

    // Today comes before the entries due today or later, after all of them when they are all past.
    private static int TodayAt(List<TimelineEntry> entries, DateOnly today)
    {
        var next = entries.FindIndex(e => e.DueOn >= today);
        return next < 0 ? entries.Count : next;
    }

    private static int QuarterOf(DateOnly day) => (day.Month - 1) / 3 + 1;
}
