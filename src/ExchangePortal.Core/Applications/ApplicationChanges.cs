using ExchangePortal.Core.Auditing;
using ExchangePortal.Core.Data;
using ExchangePortal.Core.Notifications;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.Core.Applications;

/// <summary>The one way an application changes state: load it with what its transitions need, check the version
/// the user saw, apply the transition, write the applicant's email to the outbox, save.</summary>
/// <returns>false when the application is not there in <c>scope</c>.</returns>
/// <summary>One application of a bulk action: its doctor (null when not found) and why it was skipped (null when done).</summary>
public sealed record BulkResult(int Id, string? Doctor, string? Skipped);

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
        var application = await Loaded(scope).SingleOrDefaultAsync(a => a.Id == id, ct);
        if (application is null)
            return false;
        if (application.Version != version)
            throw new DomainException(ChangedMeanwhile);
        if (deciderId is not null && application.Doctor.UserId == deciderId)
            await RefuseOwnAsync(db, application.Id, deciderId, clock, ct);
        await TransitionAsync(db, application, transition, clock, links);
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

    /// <summary>
    /// The same change for many applications at once (the queue's bulk actions), in a constant number of statements: the
    /// rows are locked in one statement, loaded in one go, and each is checked and changed as <see cref="ApplyAsync"/> does
    /// (version, own application, transition, email, audit), then all are saved together. An application that cannot
    /// be changed is skipped with its reason (an English resx key) and the others go ahead.
    /// </summary>
    /// <param name="versions">Each application's id and the version the user saw.</param>
    /// <param name="refusal">Why an application is not changed although its version is the one seen; null when it can be.</param>
    public static async Task<IReadOnlyList<BulkResult>> ApplyManyAsync(PortalDbContext db, IQueryable<ExchangeApplication> scope,
        IReadOnlyDictionary<int, uint> versions, string deciderId, Func<ExchangeApplication, string?> refusal,
        Action<ExchangeApplication> transition, ProgrammeClock clock, PublicLinks links, CancellationToken ct)
    {
        var ids = versions.Keys.Order().ToArray();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Locked in id order, so two bulk actions over the same rows queue up instead of deadlocking.
        await db.Database.SqlQuery<int>($"""SELECT "Id" AS "Value" FROM "Applications" WHERE "Id" = ANY({ids}) ORDER BY "Id" FOR UPDATE""")
            .ToListAsync(ct);
        var found = await Loaded(scope).Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        var results = new List<BulkResult>(ids.Length);
        foreach (var id in ids)
        {
            if (!found.TryGetValue(id, out var application))
            {
                results.Add(new BulkResult(id, null, NotThere));
                continue;
            }
            var own = application.Doctor.UserId == deciderId;
            var skipped = application.Version != versions[id] ? ChangedSinceLoaded : own ? OwnApplication : refusal(application);
            if (own)
                db.AuditEntries.Add(new AuditEntry(clock.Now, deciderId, SelfDecisionRefused, nameof(ExchangeApplication), id.ToString()));
            if (skipped is null)
                await TransitionAsync(db, application, a =>
                {
                    transition(a);
                    return Task.CompletedTask;
                }, clock, links);
            results.Add(new BulkResult(id, application.Doctor.FullName, skipped));
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return results;
    }

    public const string ChangedSinceLoaded = "Changed by someone else since you loaded the page.";

    public const string NotThere = "Not found.";

    private static IQueryable<ExchangeApplication> Loaded(IQueryable<ExchangeApplication> scope) => scope
        .Include(a => a.Doctor).ThenInclude(d => d.User).Include(a => a.Cohort).Include(a => a.History).Include(a => a.LabChoices)
        .Include(a => a.Placement).ThenInclude(p => p!.CohortLab).ThenInclude(l => l.HostLab)
        .AsSplitQuery();

    // The transition with what every change owes: the applicant's email in the outbox and the audit entry.
    private static async Task TransitionAsync(PortalDbContext db, ExchangeApplication application, Func<ExchangeApplication, Task> transition,
        ProgrammeClock clock, PublicLinks links)
    {
        var before = application.Status;
        await transition(application);
        db.Notifications.Add(ApplicationEmails.StatusChanged(application, clock, links));
        db.AuditEntries.Add(new AuditEntry(clock.Now, application.History[^1].ActorId, "application.status", nameof(ExchangeApplication),
            application.Id.ToString(), new() { [nameof(ExchangeApplication.Status)] = new FieldChange(before.ToString(), application.Status.ToString()) }));
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
