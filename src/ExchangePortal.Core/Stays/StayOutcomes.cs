using ExchangePortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.Core.Stays;

public sealed record EvaluationRow(string SupervisorName, int Attendance, int ClinicalKnowledge, int ResearchSkills, int Communication,
    int Teamwork, string Comments, bool RecommendForFuture, AnswerLanguage Language, DateTimeOffset SubmittedAt);

public sealed record StayReportRow(string Learned, string Outputs, string BringBack, int LabRating, AnswerLanguage Language,
    DateTimeOffset UpdatedAt);

/// <summary>The end of one stay: the supervisor, the evaluation links sent, the evaluation, the doctor's report, the certificate.</summary>
public sealed record StayOutcome(string? Supervisor, string? SupervisorEmail, int LinksSent, DateTimeOffset? LastLinkSentAt,
    EvaluationRow? Evaluation, StayReportRow? Report, string? CertificateCode);

/// <summary>What the doctor's and the hospital's pages show: whether the report is in, and the certificate's code once issued.</summary>
public sealed record StayEnd(bool ReportFiled, string? CertificateCode);

/// <summary>What the review page shows about the end of a stay (university coordinators).</summary>
public class StayOutcomes(PortalDbContext db)
{
    /// <summary>Whether an application in <paramref name="status"/> can have a stay's end to show: the report is filed during
    /// the stay and the certificate issued with its completion (pages skip the query otherwise).</summary>
    public static bool HasStayEnd(Applications.ApplicationStatus status) =>
        status is Applications.ApplicationStatus.InProgress or Applications.ApplicationStatus.Completed;

    public Task<StayOutcome?> GetAsync(int applicationId, CancellationToken ct = default) =>
        db.Applications.AsNoTracking().Where(a => a.Id == applicationId && a.Placement != null)
            .Select(a => new StayOutcome(a.Placement!.Supervisor, a.Placement.SupervisorEmail,
                db.EvaluationLinks.Count(l => l.ApplicationId == a.Id),
                db.EvaluationLinks.Where(l => l.ApplicationId == a.Id).Max(l => (DateTimeOffset?)l.CreatedAt),
                db.SupervisorEvaluations.Where(e => e.ApplicationId == a.Id)
                    .Select(e => new EvaluationRow(e.SupervisorName, e.Attendance, e.ClinicalKnowledge, e.ResearchSkills, e.Communication,
                        e.Teamwork, e.Comments, e.RecommendForFuture, e.Language, e.SubmittedAt)).FirstOrDefault(),
                db.StayReports.Where(r => r.ApplicationId == a.Id)
                    .Select(r => new StayReportRow(r.Learned, r.Outputs, r.BringBack, r.LabRating, r.Language, r.UpdatedAt)).FirstOrDefault(),
                db.Certificates.Where(c => c.ApplicationId == a.Id).Select(c => c.Code).FirstOrDefault()))
            .SingleOrDefaultAsync(ct);

    /// <summary>The doctor's own stay.</summary>
    public Task<StayEnd?> ForApplicantAsync(int applicationId, string userId, CancellationToken ct = default) =>
        EndOf(db.Applications.Where(a => a.Id == applicationId && a.Doctor.UserId == userId), ct);

    /// <summary>A stay of the coordinator's own hospital's staff.</summary>
    public Task<StayEnd?> ForHospitalAsync(int applicationId, string userId, CancellationToken ct = default) =>
        EndOf(db.Applications.Where(a => a.Id == applicationId
            && db.Users.Any(u => u.Id == userId && u.HospitalId != null && u.HospitalId == a.Doctor.HospitalId)), ct);

    private Task<StayEnd?> EndOf(IQueryable<Applications.ExchangeApplication> scope, CancellationToken ct) =>
        scope.AsNoTracking()
            .Select(a => new StayEnd(db.StayReports.Any(r => r.ApplicationId == a.Id),
                db.Certificates.Where(c => c.ApplicationId == a.Id).Select(c => c.Code).FirstOrDefault()))
            .SingleOrDefaultAsync(ct);
}
