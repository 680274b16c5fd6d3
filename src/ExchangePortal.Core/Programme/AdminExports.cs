using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Auditing;
using ExchangePortal.Core.Cohorts;
using ExchangePortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.Core.Programme;

public sealed record ApplicationExportRow(int Application, string Cohort, string Doctor, string Hospital, string Specialty,
    ApplicationStatus Status, DateTimeOffset? SubmittedAt, string? FirstChoice, string? PlacedIn);

public sealed record MilestoneExportRow(int Milestone, string Agreement, string Title, string? Area, DateOnly DueOn, string Status,
    DateOnly? CompletedOn, string? Owner, string? EvidenceNote);

/// <summary>The data the programme office takes out, as streams that never hold the whole set in memory.</summary>
public class AdminExports(PortalDbContext db, ProgrammeClock clock)
{
    public async Task<IReadOnlyList<Option<int>>> CohortsAsync(CancellationToken ct = default) =>
        await db.Cohorts.AsNoTracking().OrderByDescending(c => c.StartsOn).Select(c => new Option<int>(c.Id, c.Name)).ToListAsync(ct);

    public async Task<bool> CohortExistsAsync(int cohortId, CancellationToken ct = default) =>
        await db.Cohorts.AsNoTracking().AnyAsync(c => c.Id == cohortId, ct);

    /// <summary>The applications as a stream, once the export (every row's id and person) is in the audit trail.</summary>
    public async Task<IAsyncEnumerable<ApplicationExportRow>> ApplicationsAsync(int? cohortId, ApplicationStatus? status, string actorId,
        string format, CancellationToken ct = default)
    {
        await db.RecordExportAsync(Filter(cohortId, status).OrderBy(a => a.CohortId).ThenBy(a => a.Id)
                .Select(a => new ExportedRow(a.Id, a.Doctor.UserId)), actorId, "applications",
            format, clock.Now, ct);
        return Applications(cohortId, status);
    }

    private IQueryable<ExchangeApplication> Filter(int? cohortId, ApplicationStatus? status) => db.Applications.AsNoTracking()
        .Where(a => cohortId == null || a.CohortId == cohortId)
        .Where(a => status == null || a.Status == status);

    private IAsyncEnumerable<ApplicationExportRow> Applications(int? cohortId, ApplicationStatus? status) => Filter(cohortId, status)
        .OrderBy(a => a.CohortId).ThenBy(a => a.Id)
        .Select(a => new ApplicationExportRow(a.Id, a.Cohort.Name, a.Doctor.FullName, a.Doctor.Hospital.ShortName, a.Doctor.Specialty,
            a.Status, a.SubmittedAt, a.LabChoices.OrderBy(c => c.Rank).Select(c => c.CohortLab.HostLab.Name).FirstOrDefault(),
            a.Placement != null && a.Placement.ReleasedAt == null ? a.Placement.CohortLab.HostLab.Name : null))
        .AsAsyncEnumerable();

    /// <summary>The milestones as a stream, once the export (every row's id and owner) is in the audit trail.</summary>
    public async Task<IAsyncEnumerable<MilestoneExportRow>> MilestonesAsync(string actorId, CancellationToken ct = default)
    {
        await db.RecordExportAsync(db.Milestones.Select(m => new ExportedRow(m.Id, m.OwnerId)), actorId, "milestones", "csv", clock.Now, ct);
        return Milestones();
    }

    private IAsyncEnumerable<MilestoneExportRow> Milestones() => db.Milestones.AsNoTracking()
        .OrderBy(m => m.AgreementId).ThenBy(m => m.DueOn).ThenBy(m => m.Id)
        .Select(m => new MilestoneExportRow(m.Id, m.Agreement.Title, m.Title, m.Area == null ? null : m.Area.Name, m.DueOn,
            m.Status.ToString(), m.CompletedOn, m.Owner == null ? null : m.Owner.DisplayName, m.EvidenceNote))
        .AsAsyncEnumerable();
}
