using System.Globalization;
using CsvHelper;
using ExchangePortal.Core.Cohorts;
using ExchangePortal.Core.Programme;

namespace ExchangePortal.Web;

/// <summary>One row of the roster as exported (CSV and Excel share the columns).</summary>
[CsvRecord]
public sealed partial record RosterLine(int Application, string Doctor, string Hospital, string Specialty, string Lab,
    string Supervisor, string From, string To, string Status, string Email)
{
    public static RosterLine Of(RosterRow r) => new(r.ApplicationId, r.Doctor, r.Hospital, r.Specialty, r.Lab, r.Supervisor,
        r.StartsOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.EndsOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        r.Status.ToString(), r.Email);

    public static string FileName(int cohortId, bool arrivals) => $"cohort-{cohortId}-{(arrivals ? "arrivals" : "roster")}";
}

[CsvRecord]
public sealed partial record ApplicationLine(int Application, string Cohort, string Doctor, string Hospital, string Specialty,
    string Status, string Submitted, string FirstChoice, string PlacedIn)
{
    public static ApplicationLine Of(ApplicationExportRow r) => new(r.Application, r.Cohort, r.Doctor, r.Hospital, r.Specialty,
        r.Status.ToString(), r.SubmittedAt?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "", r.FirstChoice ?? "", r.PlacedIn ?? "");
}

[CsvRecord]
public sealed partial record MilestoneLine(int Milestone, string Agreement, string Title, string Area, string DueOn, string Status,
    string CompletedOn, string Owner, string EvidenceNote)
{
    public static MilestoneLine Of(MilestoneExportRow r) => new(r.Milestone, r.Agreement, r.Title, r.Area ?? "",
        r.DueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.Status,
        r.CompletedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "", r.Owner ?? "", r.EvidenceNote ?? "");
}

/// <summary>One row of a report breakdown as exported: the figures the page's three tables show, in the same order.</summary>
[CsvRecord]
public sealed partial record ReportLine(string Breakdown, string Group, int Year, int Placed, int Completed, int StaysEnded,
    decimal? CompletionRatePercent, int Evaluations, decimal? AverageAttendance, decimal? AverageClinicalKnowledge,
    decimal? AverageResearchSkills, decimal? AverageCommunication, decimal? AverageTeamwork, decimal? AverageScore,
    decimal? RecommendingPercent, int ReportsFiled, int OutputsListed)
{
    public static ReportLine Of(ReportRow r) => new(r.Breakdown.ToString(), r.Group, r.Year, r.Placed, r.Completed, r.Ended, r.CompletionRate,
        r.Evaluations, r.AverageAttendance, r.AverageClinicalKnowledge, r.AverageResearchSkills, r.AverageCommunication, r.AverageTeamwork,
        r.AverageScore, r.RecommendingRate, r.Reports, r.Outputs);

    public static string FileName(ReportBreakdown breakdown, int? from, int? to) =>
        $"report-{breakdown.ToString().ToLowerInvariant()}-{from?.ToString(CultureInfo.InvariantCulture) ?? "all"}-{to?.ToString(CultureInfo.InvariantCulture) ?? "all"}";
}
