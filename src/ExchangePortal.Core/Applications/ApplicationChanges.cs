using ExchangePortal.Core.Auditing;
using ExchangePortal.Core.Data;
using ExchangePortal.Core.Notifications;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.Core.Applications;

/// <summary>The one way an application changes state: load it with what its transitions need, check the version
/// the user saw, apply the transition, write the applicant's email to the outbox, save.</summary>
/// <returns>false when the application is not there in <c>scope</c>.</returns>
internal static class ApplicationChanges
{
    public const string ChangedMeanwhile = "This application changed while you were looking at it. Reload the page to see what changed, then try again.";

    public const string OwnApplication = "You cannot decide on your own application; ask another coordinator.";

    /// <summary>The audit action of a refused decision on the decider's own application.</summary>
    public const string SelfDecisionRefused = "application.self-decision.refused";

    /// <param name="deciderId">The staff member deciding, who is refused on their own application (separation of duties);
    /// null when the applicants act on their own application.</param>
    public static async Task<bool> ApplyAsync(PortalDbContext db, IQueryable<ExchangeApplication> scope, int id, uint version,
        string? deciderId, Func<ExchangeApplication, Task> transition, ProgrammeClock clock, PublicLinks links, CancellationToken ct)
    {
        var application = await scope
            .Include(a => a.Doctor).ThenInclude(d => d.User).Include(a => a.Cohort).Include(a => a.History).Include(a => a.LabChoices)
            .Include(a => a.Placement).ThenInclude(p => p!.CohortLab).ThenInclude(l => l.HostLab)
            .AsSplitQuery()
            .SingleOrDefaultAsync(a => a.Id == id, ct);
        if (application is null)
            return false;
        if (application.Version != version)
            throw new DomainException(ChangedMeanwhile);
        if (deciderId is not null && application.Doctor.UserId == deciderId)
            await RefuseOwnAsync(db, application.Id, deciderId, clock, ct);
        var before = application.Status;
        await transition(application);
        db.Notifications.Add(ApplicationEmails.StatusChanged(application, clock, links));
        db.AuditEntries.Add(new AuditEntry(clock.Now, application.History[^1].ActorId, "application.status", nameof(ExchangeApplication),
            application.Id.ToString(), new() { [nameof(ExchangeApplication.Status)] = new FieldChange(before.ToString(), application.Status.ToString()) }));
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new DomainException(ChangedMeanwhile);
        }
    }

    /// <summary>Audits the refusal and throws. The caller's transaction (a seat lock) is rolled back first, so that the
    /// audit entry is saved on its own and kept although the decision is refused.</summary>
    private static async Task RefuseOwnAsync(PortalDbContext db, int id, string deciderId, ProgrammeClock clock, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is { } transaction)
            await transaction.RollbackAsync(ct);
        db.ChangeTracker.Clear();
        db.AuditEntries.Add(new AuditEntry(clock.Now, deciderId, SelfDecisionRefused, nameof(ExchangeApplication), id.ToString()));
        await db.SaveChangesAsync(ct);
        throw new DomainException(OwnApplication);
    }
}
