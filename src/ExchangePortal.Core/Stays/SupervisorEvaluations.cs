using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Auditing;
using ExchangePortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.Core.Stays;

/// <summary>The stay a supervisor evaluates, as the form shows it.</summary>
public sealed record EvaluationSubject(string Supervisor, string Doctor, string? DoctorChineseName, string Lab, DateOnly StartsOn, DateOnly EndsOn);

/// <summary>
/// The supervisor's evaluation form behind an emailed link: no account, the token is the key. A link is found only while
/// it is unused and unexpired and the stay has no evaluation yet; otherwise it is simply not there (404).
/// </summary>
public class SupervisorEvaluations(PortalDbContext db, ProgrammeClock clock)
{
    private static readonly ApplicationStatus[] Evaluable = [ApplicationStatus.InProgress, ApplicationStatus.Completed];

    public Task<EvaluationSubject?> FindAsync(string token, CancellationToken ct = default) =>
        OpenLinks(token).Select(l => db.Placements.Where(p => p.ApplicationId == l.ApplicationId)
                .Select(p => new EvaluationSubject(p.Supervisor, p.Application.Doctor.FullName, p.Application.Doctor.ChineseName,
                    p.CohortLab.HostLab.Name, p.StartsOn, p.EndsOn))
                .Single())
            .SingleOrDefaultAsync(ct);

    /// <returns>false when the link is not there (unknown, used, expired, or the stay is evaluated already).</returns>
    public async Task<bool> SubmitAsync(string token, EvaluationAnswers answers, CancellationToken ct = default)
    {
        var link = await OpenLinks(token).AsTracking().SingleOrDefaultAsync(ct);
        if (link is null)
            return false;
        var supervisor = await db.Placements.Where(p => p.ApplicationId == link.ApplicationId).Select(p => p.Supervisor).SingleAsync(ct);
        db.SupervisorEvaluations.Add(new SupervisorEvaluation(link.ApplicationId, supervisor, answers, clock.Now));
        link.Use(clock.Now);
        db.AuditEntries.Add(new AuditEntry(clock.Now, null, "evaluation.submitted", nameof(ExchangeApplication), link.ApplicationId.ToString()));
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another link of the same stay was used at the same moment: the unique index kept the first evaluation.
            return false;
        }
    }

    private IQueryable<EvaluationLink> OpenLinks(string token)
    {
        var hash = EvaluationRequests.Hash(token);
        var now = clock.Now;
        return db.EvaluationLinks.AsNoTracking()
            .Where(l => l.TokenHash == hash && l.UsedAt == null && l.ExpiresAt > now)
            .Where(l => !db.SupervisorEvaluations.Any(e => e.ApplicationId == l.ApplicationId))
            .Where(l => db.Applications.Any(a => a.Id == l.ApplicationId && Evaluable.Contains(a.Status)));
    }
}
