using System.Globalization;
using ExchangePortal.Core.Programme;
using Microsoft.Extensions.Localization;

namespace ExchangePortal.Web.Pages.Admin;

/// <summary>
/// One breakdown of the report: three charts with their tables (placed and completed, supervisor evaluations, outputs
/// reported) over the same rows, and the filter its export links carry. Per year, a row per year; per group, a row per
/// group with its figures added up over the years shown (the exports give each year apart): ten years of a hundred labs
/// would otherwise be a thousand rows per table.
/// </summary>
public sealed record ReportSection(ReportBreakdown Breakdown, string Title, string GroupHeader, IReadOnlyList<ReportRow> Rows,
    BarChart Chart, BarChart Scores, BarChart Outputs, ReportYears Years)
{
    public string Id => "report-" + Breakdown.ToString().ToLowerInvariant();

    public bool ByYearOnly => Breakdown == ReportBreakdown.Year;
}

/// <summary>The report's breakdowns in the reader's language, in the order the page shows them.</summary>
public static class ReportSections
{
    /// <summary>A chart shows the groups with the most doctors placed (evaluations, outputs); the table lists every group.</summary>
    public const int ChartedGroups = 15;

    private static readonly (ReportBreakdown Breakdown, string Title, string Header)[] Breakdowns =
    [
        (ReportBreakdown.Year, "Doctors placed and completed per year", "Year"),
        (ReportBreakdown.Hospital, "Per hospital", "Hospital"),
        (ReportBreakdown.Department, "Per host department", "Host department"),
        (ReportBreakdown.Specialty, "Per specialty", "Specialty"),
        (ReportBreakdown.Lab, "Per host lab", "Host lab"),
    ];

    /// <summary>The five scores of a supervisor's evaluation, as the tables' headers and the year chart's series.</summary>
    public static readonly string[] ScoreNames = ["Attendance", "Clinical knowledge", "Research skills", "Communication", "Teamwork"];

    public static IEnumerable<ReportSection> Of(ProgrammeReport report, ReportYears years, IStringLocalizer L) =>
        Breakdowns.Select(b => Section(b.Breakdown, L[b.Title], L[b.Header], report.Of(b.Breakdown), years, L));

    /// <summary>The group's name as shown ("—" for an empty department or specialty).</summary>
    public static string Shown(string group) => group.Length == 0 ? "—" : group;

    /// <summary>An average or a share as the tables show it ("—" while there is none).</summary>
    public static string Shown(decimal? figure, string format = "0.00") =>
        figure is { } value ? value.ToString(format, CultureInfo.InvariantCulture) : "—";

    private static ReportSection Section(ReportBreakdown breakdown, string title, string header, IReadOnlyList<ReportRow> rows,
        ReportYears years, IStringLocalizer L)
    {
        var key = breakdown.ToString().ToLowerInvariant();
        var byYear = breakdown == ReportBreakdown.Year;
        // Per year, one bar per figure; per group, the groups' figures over the years, the largest groups charted.
        var groups = rows.GroupBy(r => (r.GroupId, r.Group))
            .Select(g => (Label: Shown(g.Key.Group), Total: g.Aggregate(Sum)))
            .OrderBy(g => g.Label, StringComparer.OrdinalIgnoreCase).ThenBy(g => g.Total.GroupId).ToList();
        List<BarChartRow> Charted(Func<ReportRow, IReadOnlyList<decimal>> values, Func<ReportRow, int> size) => byYear
            ? rows.Where(r => size(r) > 0).Select(r => new BarChartRow(r.Year.ToString(CultureInfo.InvariantCulture), values(r))).ToList()
            : groups.Where(g => size(g.Total) > 0).OrderByDescending(g => size(g.Total)).Take(ChartedGroups)
                .Select(g => new BarChartRow(g.Label, values(g.Total))).ToList();

        var placed = new BarChart($"chart-{key}", title, header, [L["Placed"], L["Completed"]],
            Charted(r => [r.Placed, r.Completed], r => r.Placed), LabelsBeside: byYear);
        var per = header.ToLowerInvariant();
        var scoresTitle = L["Average evaluation scores (1–5) per {0}", per];
        var scores = byYear
            ? new BarChart($"scores-{key}", scoresTitle, header, ScoreNames.Select(n => L[n].Value).ToList(),
                Charted(r => [.. Averages(r).Select(a => a ?? 0)], r => r.Evaluations), LabelsBeside: true)
            : new BarChart($"scores-{key}", scoresTitle, header, [L["Average of the five scores"]],
                Charted(r => [r.AverageScore ?? 0], r => r.Evaluations));
        var outputs = new BarChart($"outputs-{key}", L["End-of-stay reports and outputs per {0}", per], header,
            [L["Reports filed"], L["Outputs listed"]], Charted(r => [r.Reports, r.Outputs], r => r.Reports), LabelsBeside: byYear);
        return new ReportSection(breakdown, title, header, byYear ? rows : groups.Select(g => g.Total).ToList(), placed, scores, outputs, years);
    }

    public static IEnumerable<decimal?> Averages(ReportRow r) =>
        [r.AverageAttendance, r.AverageClinicalKnowledge, r.AverageResearchSkills, r.AverageCommunication, r.AverageTeamwork];

    /// <summary>Two rows of one group added up (the years of a group, for its bar).</summary>
    private static ReportRow Sum(ReportRow a, ReportRow b) => a with
    {
        Placed = a.Placed + b.Placed,
        Completed = a.Completed + b.Completed,
        Ended = a.Ended + b.Ended,
        EndedCompleted = a.EndedCompleted + b.EndedCompleted,
        Reports = a.Reports + b.Reports,
        Outputs = a.Outputs + b.Outputs,
        Evaluations = a.Evaluations + b.Evaluations,
        AttendanceTotal = a.AttendanceTotal + b.AttendanceTotal,
        ClinicalKnowledgeTotal = a.ClinicalKnowledgeTotal + b.ClinicalKnowledgeTotal,
        ResearchSkillsTotal = a.ResearchSkillsTotal + b.ResearchSkillsTotal,
        CommunicationTotal = a.CommunicationTotal + b.CommunicationTotal,
        TeamworkTotal = a.TeamworkTotal + b.TeamworkTotal,
        Recommending = a.Recommending + b.Recommending,
    };
}
