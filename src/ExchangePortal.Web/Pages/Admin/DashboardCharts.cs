using ExchangePortal.Core.Programme;
using Microsoft.Extensions.Localization;

namespace ExchangePortal.Web.Pages.Admin;

/// <summary>The dashboard's figures of one cohort as charts, in the reader's language.</summary>
public static class DashboardCharts
{
    public static BarChart ApplicationsByStatus(CohortProgress cohort, IStringLocalizer L) => new(
        $"status-{cohort.Id}", L["Applications by status, {0}", cohort.Name], L["Status"], [L["Applications"]],
        cohort.ApplicationsByStatus.OrderBy(s => s.Key)
            .Select(s => new BarChartRow(L[StatusBadge.Text(s.Key)], [s.Value])).ToList());

    public static BarChart SeatsPerLab(CohortProgress cohort, IStringLocalizer L) => new(
        $"seats-{cohort.Id}", L["Seats taken per lab, {0}", cohort.Name], L["Lab"], [L["Seats taken"]],
        cohort.Labs.Select(l => new BarChartRow(l.Lab, [l.SeatsTaken], l.Seats)).ToList(), L["Seats"]);

    public static BarChart ArrivalsAndCompletions(CohortProgress cohort, IStringLocalizer L) => new(
        $"arrivals-{cohort.Id}", L["Arrivals and completions, {0}", cohort.Name], cohort.ByMonth ? L["Month"] : L["Week starting"],
        [L["Arrivals"], L["Completions"]],
        cohort.ArrivalsAndCompletions.Select(p => new BarChartRow(cohort.ByMonth ? p.StartsOn.DisplayMonth() : p.StartsOn.Display(),
            [p.Arrivals, p.Completions])).ToList(), LabelsBeside: true);
}
