using ExchangePortal.Core.Notifications;
using ExchangePortal.Core.Data;
using ExchangePortal.Core.Documents;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.Core.Applications;

public sealed record EndorsementQueueRow(int Id, string Doctor, string Department, string Specialty, string Cohort, DateTimeOffset? SubmittedAt);

public sealed record HospitalOverview(string Hospital, IReadOnlyList<EndorsementQueueRow> AwaitingEndorsement,
    IReadOnlyDictionary<ApplicationStatus, int> StaffApplicationsByStatus);

public sealed record StaffRow(int Id, string Doctor, string Department, string Specialty, int CohortId, string Cohort,
    ApplicationStatus Status, string? Lab);

/// <summary>A hospital coordinator's view of their own staff's applications, and their endorsements; no other hospital's
/// staff is ever in scope.</summary>
public class HospitalApplications(PortalDbContext db, ApplicationReview review, ProgrammeClock clock, PublicLinks links)
{
    public async Task<HospitalOverview?> GetOverviewAsync(string userId, CancellationToken ct = default)
    {
        var hospital = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId && u.HospitalId != null)
            .Select(u => new { Id = u.HospitalId!.Value, u.Hospital!.Name })
            .SingleOrDefaultAsync(ct);
        if (hospital is null)
            return null;
        var staffApplications = db.Applications.AsNoTracking().Where(a => a.Doctor.HospitalId == hospital.Id);
        var queue = await staffApplications
            .Where(a => a.Status == ApplicationStatus.Submitted && a.EndorsementRequired)
            .OrderBy(a => a.SubmittedAt).ThenBy(a => a.Id)
            .Select(a => new EndorsementQueueRow(a.Id, a.Doctor.FullName, a.Doctor.Department, a.Doctor.Specialty, a.Cohort.Name, a.SubmittedAt))
            .ToListAsync(ct);
        var byStatus = await staffApplications
            .GroupBy(a => a.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Status, g => g.Count, ct);
        return new HospitalOverview(hospital.Name, queue, byStatus);
    }

    public async Task<int?> HospitalOfAsync(string userId, CancellationToken ct = default) =>
        await db.Users.Where(u => u.Id == userId).Select(u => u.HospitalId).SingleOrDefaultAsync(ct);

    /// <param name="viewed">Whether this is the coordinator opening the page (audited), not the page shown again after a post.</param>
    public async Task<ReviewDetails?> GetAsync(int id, string userId, CancellationToken ct = default, bool viewed = false) =>
        await HospitalOfAsync(userId, ct) is { } hospitalId ? await review.GetAsync(id, hospitalId, viewed ? userId : null, ct) : null;

    public async Task<DocumentFile?> OpenDocumentAsync(int id, Guid documentId, string userId, CancellationToken ct = default) =>
        await HospitalOfAsync(userId, ct) is { } hospitalId ? await review.OpenDocumentAsync(id, documentId, userId, hospitalId, ct) : null;

    public Task<bool> EndorseAsync(int id, uint version, string? comment, string userId, CancellationToken ct = default) =>
        ChangeAsync(id, version, userId, a => a.Endorse(userId, clock.Now, string.IsNullOrWhiteSpace(comment) ? null : comment.Trim()), ct);

    public Task<bool> DeclineAsync(int id, uint version, string reason, string userId, CancellationToken ct = default) =>
        ChangeAsync(id, version, userId, a => a.DeclineEndorsement(reason, userId, clock.Now), ct);

    public const int StaffPageSize = 50;

    /// <summary>The hospital's staff and their applications, newest cohort first, a page at a time.</summary>
    /// <returns>The page's rows and whether a next page exists.</returns>
    public async Task<(IReadOnlyList<StaffRow> Rows, bool HasNext)> StaffAsync(string userId, int? cohortId, int page, CancellationToken ct = default)
    {
        var hospitalId = await HospitalOfAsync(userId, ct);
        var rows = await db.Applications.AsNoTracking()
            .Where(a => a.Doctor.HospitalId == hospitalId && (cohortId == null || a.CohortId == cohortId))
            .OrderByDescending(a => a.Cohort.StartsOn).ThenBy(a => a.CohortId).ThenBy(a => a.Doctor.FullName).ThenBy(a => a.Id)
            .Skip(Paging.Offset(page, StaffPageSize)).Take(StaffPageSize + 1)
            .Select(a => new StaffRow(a.Id, a.Doctor.FullName, a.Doctor.Department, a.Doctor.Specialty, a.CohortId, a.Cohort.Name, a.Status,
                a.Placement != null && a.Placement.ReleasedAt == null ? a.Placement.CohortLab.HostLab.Name : null))
            .ToListAsync(ct);
        return (rows.Take(StaffPageSize).ToList(), rows.Count > StaffPageSize);
    }

    // False when the application is not one of the coordinator's hospital's.
    private async Task<bool> ChangeAsync(int id, uint version, string userId, Action<ExchangeApplication> change, CancellationToken ct)
    {
        var hospitalId = await HospitalOfAsync(userId, ct) ?? throw new DomainException("Your account is not attached to a hospital.");
        return await ApplicationChanges.ApplyAsync(db, db.Applications.Where(a => a.Doctor.HospitalId == hospitalId), id, version, userId, a =>
        {
            change(a);
            return Task.CompletedTask;
        }, clock, links, ct);
    }
}
