using ExchangePortal.Core.Agreements;
using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Auditing;
using ExchangePortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.Core.Programme;

/// <summary>How the report groups each year's placed doctors; <see cref="Year"/> is the year's total.</summary>
public enum ReportBreakdown
{
    Year,
    Hospital,
    Department,
    Specialty,
    Lab,
}

/// <summary>
/// One group's figures for the stays starting in one year. <see cref="Placed"/>: doctors placed, by the rule milestone
/// targets count with (<see cref="MilestoneProgress.IsPlaced"/>); <see cref="Completed"/>: of those, the stays completed;
/// <see cref="Ended"/>: of those, the stays whose last day has passed, and <see cref="EndedCompleted"/> the completed ones among them.
/// <see cref="Reports"/>: of those, the stays whose end-of-stay report (the form) is filed, and <see cref="Outputs"/> the outputs
/// (papers, protocols, devices: one a line) those reports list. <see cref="Evaluations"/>: the stays the host supervisor has
/// evaluated, with the sum of each 1–5 score over them and how many of those supervisors recommend further exchanges.
/// </summary>
/// <param name="GroupId">The hospital's or host lab's id (names need not be unique); 0 for the other breakdowns.</param>
/// <param name="Group">The hospital's name, the host lab's department, the doctor's specialty or the host lab's name; empty for the year.</param>
public sealed record ReportRow(ReportBreakdown Breakdown, int GroupId, string Group, int Year, int Placed, int Completed, int Ended,
    int EndedCompleted, int Reports = 0, int Outputs = 0, int Evaluations = 0, int AttendanceTotal = 0, int ClinicalKnowledgeTotal = 0,
    int ResearchSkillsTotal = 0, int CommunicationTotal = 0, int TeamworkTotal = 0, int Recommending = 0)
{
    /// <summary>Of the stays that have ended, the share completed, in percent to one decimal; null while none has ended.</summary>
    public decimal? CompletionRate => Ended == 0 ? null : Math.Round(100m * EndedCompleted / Ended, 1, MidpointRounding.AwayFromZero);

    public decimal? AverageAttendance => Average(AttendanceTotal);
    public decimal? AverageClinicalKnowledge => Average(ClinicalKnowledgeTotal);
    public decimal? AverageResearchSkills => Average(ResearchSkillsTotal);
    public decimal? AverageCommunication => Average(CommunicationTotal);
    public decimal? AverageTeamwork => Average(TeamworkTotal);

    /// <summary>The mean of the five scores over the evaluations, to two decimals; null while none is in.</summary>
    public decimal? AverageScore => Evaluations == 0 ? null
        : Math.Round((decimal)(AttendanceTotal + ClinicalKnowledgeTotal + ResearchSkillsTotal + CommunicationTotal + TeamworkTotal)
            / (5 * Evaluations), 2, MidpointRounding.AwayFromZero);

    /// <summary>Of the evaluations, the share whose supervisor recommends further exchanges, in percent to one decimal.</summary>
    public decimal? RecommendingRate => Evaluations == 0 ? null
        : Math.Round(100m * Recommending / Evaluations, 1, MidpointRounding.AwayFromZero);

    /// <summary>A score's average over the evaluations, to two decimals; null while none is in.</summary>
    private decimal? Average(int total) => Evaluations == 0 ? null : Math.Round((decimal)total / Evaluations, 2, MidpointRounding.AwayFromZero);
}

/// <summary>The report over the stays starting from <see cref="FromYear"/> to <see cref="ToYear"/> (null: no bound), rows ordered by group then year.</summary>
public sealed record ProgrammeReport(int? FromYear, int? ToYear, IReadOnlyList<ReportRow> Rows)
{
    public IReadOnlyList<ReportRow> Of(ReportBreakdown breakdown) => Rows.Where(r => r.Breakdown == breakdown).ToList();
}

/// <summary>
/// Placements, completions, end-of-stay reports with their outputs and supervisor evaluations across years, per hospital,
/// host department, specialty and host lab: one SQL statement
/// whatever the data size, every figure a count in PostgreSQL (docs/performance.md, "Reports across years").
/// </summary>
public class AdminReports(PortalDbContext db, ProgrammeClock clock)
{
    public const string Exported = "report.exported";

    public Task<ProgrammeReport> GetAsync(int? fromYear, int? toYear, CancellationToken ct = default) =>
        GetAsync(fromYear, toYear, Enum.GetValues<ReportBreakdown>(), ct);

    /// <summary>One breakdown's rows, for an export; the export is written to the audit trail.</summary>
    public async Task<IReadOnlyList<ReportRow>> ExportAsync(int? fromYear, int? toYear, ReportBreakdown breakdown, string format,
        string actorId, CancellationToken ct = default)
    {
        var report = await GetAsync(fromYear, toYear, [breakdown], ct);
        db.AuditEntries.Add(new AuditEntry(clock.Now, actorId, Exported, nameof(ProgrammeReport), breakdown.ToString(),
            new() { ["Years"] = new(null, $"{fromYear?.ToString() ?? "all"}–{toYear?.ToString() ?? "all"}"), ["Format"] = new(null, format) }));
        await db.SaveChangesAsync(ct);
        return report.Rows;
    }

    private async Task<ProgrammeReport> GetAsync(int? fromYear, int? toYear, ReportBreakdown[] breakdowns, CancellationToken ct)
    {
        var today = clock.Today;
        var placements = db.Placements.AsNoTracking().Where(MilestoneProgress.IsPlaced);
        if (fromYear is { } first)
            placements = placements.Where(p => p.StartsOn >= new DateOnly(first, 1, 1));
        if (toYear is { } last)
            placements = placements.Where(p => p.StartsOn < new DateOnly(last + 1, 1, 1));
        // A new figure is one more column here and one more aggregate below.
        // Explicit joins, not navigations: a navigation inside an aggregate makes EF re-join in a subquery per group. A stay
        // has at most one report and one evaluation (unique indexes), so the left joins keep one row per stay.
        var stays =
            from p in placements
            join a in db.Applications on p.ApplicationId equals a.Id
            join r in db.StayReports on a.Id equals r.ApplicationId into reports
            from r in reports.DefaultIfEmpty()
            join e in db.SupervisorEvaluations on a.Id equals e.ApplicationId into evaluations
            from e in evaluations.DefaultIfEmpty()
            join d in db.Doctors on a.DoctorId equals d.Id
            join h in db.Institutions on d.HospitalId equals h.Id
            join cl in db.CohortLabs on p.CohortLabId equals cl.Id
            join l in db.HostLabs on cl.HostLabId equals l.Id
            select new
            {
                p.StartsOn.Year,
                Completed = a.Status == ApplicationStatus.Completed ? 1 : 0,
                Ended = p.EndsOn < today ? 1 : 0,
                EndedCompleted = p.EndsOn < today && a.Status == ApplicationStatus.Completed ? 1 : 0,
                d.HospitalId,
                Hospital = h.Name,
                l.Department,
                d.Specialty,
                cl.HostLabId,
                Lab = l.Name,
                Reported = r == null ? 0 : 1,
                // Outputs are stored one a line without blank lines (StayReport.OneALine): the line breaks plus one.
                Outputs = r == null || r.Outputs == "" ? 0 : r.Outputs.Length - r.Outputs.Replace("\n", "").Length + 1,
                Evaluated = e == null ? 0 : 1,
                Attendance = e == null ? 0 : e.Attendance,
                ClinicalKnowledge = e == null ? 0 : e.ClinicalKnowledge,
                ResearchSkills = e == null ? 0 : e.ResearchSkills,
                Communication = e == null ? 0 : e.Communication,
                Teamwork = e == null ? 0 : e.Teamwork,
                Recommending = e != null && e.RecommendForFuture ? 1 : 0,
            };
        // EF has no GROUPING SETS: each stay is crossed with the breakdowns asked for (a one-column set from an array
        // parameter) and grouped once, so PostgreSQL reads the stays once and counts every breakdown in the same statement.
        var codes = breakdowns.Select(b => (int)b).ToArray();
        var asked = db.Database.SqlQuery<int>($"SELECT unnest({codes}) AS \"Value\"");
        var rows = await (
            from s in stays
            from b in asked
            group s by new
            {
                Breakdown = b,
                s.Year,
                GroupId = b == (int)ReportBreakdown.Hospital ? s.HospitalId : b == (int)ReportBreakdown.Lab ? s.HostLabId : 0,
                Group = b == (int)ReportBreakdown.Hospital ? s.Hospital
                    : b == (int)ReportBreakdown.Department ? s.Department
                    : b == (int)ReportBreakdown.Specialty ? s.Specialty
                    : b == (int)ReportBreakdown.Lab ? s.Lab
                    : "",
            } into g
            select new ReportRow((ReportBreakdown)g.Key.Breakdown, g.Key.GroupId, g.Key.Group, g.Key.Year,
                g.Count(),
                g.Sum(s => s.Completed),
                g.Sum(s => s.Ended),
                g.Sum(s => s.EndedCompleted),
                g.Sum(s => s.Reported),
                g.Sum(s => s.Outputs),
                g.Sum(s => s.Evaluated),
                g.Sum(s => s.Attendance),
                g.Sum(s => s.ClinicalKnowledge),
                g.Sum(s => s.ResearchSkills),
                g.Sum(s => s.Communication),
                g.Sum(s => s.Teamwork),
                g.Sum(s => s.Recommending)))
            .ToListAsync(ct);
        return new ProgrammeReport(fromYear, toYear, rows
            .OrderBy(r => r.Breakdown).ThenBy(r => r.Group, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.GroupId).ThenBy(r => r.Year).ToList());
    }
}
