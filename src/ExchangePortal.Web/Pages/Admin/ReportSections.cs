using System.Globalization;
using ExchangePortal.Core.Programme;
using Microsoft.Extensions.Localization;

namespace ExchangePortal.Web.Pages.Admin;

/// <summary>One breakdown of the report: its chart, its table's rows and the filter its export links carry.</summary>
public sealed record ReportSection(ReportBreakdown Breakdown, string Title, string GroupHeader, IReadOnlyList<ReportRow> Rows,
    BarChart Chart, ReportYears Years)
{
    public string Id => "report-" + Breakdown.ToString().ToLowerInvariant();

    public bool ByYearOnly => Breakdown == ReportBreakdown.Year;
}

/// <summary>The report's breakdowns in the reader's language, in the order the page shows them.</summary>
public static class ReportSections
{
    /// <summary>A chart shows the groups with the most doctors placed; the table lists every group.</summary>
    public const int ChartedGroups = 15;

    private static readonly (ReportBreakdown Breakdown, string Title, string Header)[] Breakdowns =
    [
        (ReportBreakdown.Year, "Doctors placed and completed per year", "Year"),
        (ReportBreakdown.Hospital, "Per hospital", "Hospital"),
        (ReportBreakdown.Department, "Per host department", "Host department"),
        (ReportBreakdown.Specialty, "Per specialty", "Specialty"),
        (ReportBreakdown.Lab, "Per host lab", "Host lab"),
    ];

    public static IEnumerable<ReportSection> Of(ProgrammeReport report, ReportYears years, IStringLocalizer L) =>
        Breakdowns.Select(b => Section(b.Breakdown, L[b.Title], L[b.Header], report.Of(b.Breakdown), years, L));

    /// <summary>The group's name as shown ("—" for an empty department or specialty).</summary>
    public static string Shown(string group) => group.Length == 0 ? "—" : group;

    private static ReportSection Section(ReportBreakdown breakdown, string title, string header, IReadOnlyList<ReportRow> rows,
        ReportYears years, IStringLocalizer L)
    {
        // Series of the chart: one per count the table shows (a new count figure adds one here).
        string[] series = [L["Placed"], L["Completed"]];
        var chartRows = breakdown == ReportBreakdown.Year
            ? rows.Select(r => new BarChartRow(r.Year.ToString(CultureInfo.InvariantCulture), [r.Placed, r.Completed])).ToList()
            : rows.GroupBy(r => (r.GroupId, r.Group))
                .Select(g => new BarChartRow(Shown(g.Key.Group), [g.Sum(r => r.Placed), g.Sum(r => r.Completed)]))
                .OrderByDescending(r => r.Values[0]).ThenBy(r => r.Label, StringComparer.OrdinalIgnoreCase)
                .Take(ChartedGroups).ToList();
        var chart = new BarChart("chart-" + breakdown.ToString().ToLowerInvariant(), title, header, series, chartRows,
            LabelsBeside: breakdown == ReportBreakdown.Year);
        return new ReportSection(breakdown, title, header, rows, chart, years);
    }
}
