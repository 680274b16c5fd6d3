using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Auditing;
using ExchangePortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.Core.Stays;

/// <param name="ReportVersion">The report's version; none before it is first filed.</param>
public sealed record StayReportForm(int ApplicationId, string Cohort, string Lab, bool CanEdit, uint? ReportVersion, StayReportAnswers? Answers)
{
    public uint Version => ReportVersion ?? 0;
}

/// <summary>The doctor's end-of-stay report form on their own stay: filed and corrected during the stay, read afterwards.</summary>
public class ApplicantStayReports(PortalDbContext db, ProgrammeClock clock)
{
    private static readonly ApplicationStatus[] Shown = [ApplicationStatus.InProgress, ApplicationStatus.Completed];
    private static readonly ApplicationStatus[] Fileable = [.. ApplicationRules.From(ApplicationAction.FileReport)];

    public Task<StayReportForm?> GetAsync(int applicationId, string userId, CancellationToken ct = default) =>
        db.Applications.AsNoTracking()
            .Where(a => a.Id == applicationId && a.Doctor.UserId == userId && Shown.Contains(a.Status) && a.Placement != null)
            .Select(a => new StayReportForm(a.Id, a.Cohort.Name, a.Placement!.CohortLab.HostLab.Name,
                Fileable.Contains(a.Status),
                db.StayReports.Where(r => r.ApplicationId == a.Id).Select(r => (uint?)r.Version).FirstOrDefault(),
                db.StayReports.Where(r => r.ApplicationId == a.Id)
                    .Select(r => new StayReportAnswers(r.Learned, r.Outputs, r.BringBack, r.LabRating, r.Language)).FirstOrDefault()))
            .SingleOrDefaultAsync(ct);

    /// <summary>Files the report, or corrects it; <paramref name="version"/> is the report's as the doctor saw it (0 before the first).</summary>
    /// <returns>false when the application is not the doctor's own.</returns>
    public async Task<bool> SaveAsync(int applicationId, uint version, StayReportAnswers answers, string userId, CancellationToken ct = default)
    {
        var status = await db.Applications.Where(a => a.Id == applicationId && a.Doctor.UserId == userId)
            .Select(a => (ApplicationStatus?)a.Status).SingleOrDefaultAsync(ct);
        if (status is null)
            return false;
        if (!ApplicationRules.Allows(ApplicationAction.FileReport, status.Value))
            throw new DomainException("You can file the end-of-stay report only during your stay.");
        var report = await db.StayReports.AsTracking().SingleOrDefaultAsync(r => r.ApplicationId == applicationId, ct);
        if ((report?.Version ?? 0) != version)
            throw new DomainException(ApplicationChanges.ChangedMeanwhile);
        if (report is null)
            db.StayReports.Add(report = new StayReport(applicationId, clock.Now));
        report.Answer(answers, clock.Now);
        db.AuditEntries.Add(new AuditEntry(clock.Now, userId, "stay-report.filed", nameof(ExchangeApplication), applicationId.ToString()));
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            throw new DomainException(ApplicationChanges.ChangedMeanwhile);
        }
    }
}
