using ExchangePortal.Core.Auditing;
using ExchangePortal.Core.Data;
using ExchangePortal.Core.Notifications;
using ExchangePortal.Core.Programme;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.Core.Applications;

/// <summary>What a university coordinator does to several applications selected in the review queue at once.</summary>
public class CoordinatorSelections(PortalDbContext db, ProgrammeClock clock, PublicLinks links)
{
    /// <summary>Four pages of the queue: more at once is refused.</summary>
    public const int MaxSelected = 100;

    public const string NothingSelected = "Select at least one application.";

    public const string TooMany = "Select at most 100 applications at a time.";

    public const string NoLongerWaiting = "No longer waiting for review.";

    /// <summary>Starts the review of each selected application through the single decision path; those that cannot start
    /// (changed since the page was loaded, no longer submitted, the coordinator's own) are skipped with the reason.</summary>
    /// <param name="versions">Each selected application's id and the version the queue showed.</param>
    public Task<IReadOnlyList<BulkResult>> StartReviewAsync(IReadOnlyDictionary<int, uint> versions, string actorId, CancellationToken ct = default)
    {
        Check(versions.Keys.ToList());
        return ApplicationChanges.ApplyManyAsync(db, db.Applications.Where(a => a.Status != ApplicationStatus.Draft), versions, actorId,
            a => ApplicationRules.Allows(ApplicationAction.StartReview, a.Status, a.EndorsementRequired) ? null : NoLongerWaiting,
            a => a.StartReview(actorId, clock.Now), clock, links, ct);
    }

    /// <summary>The selected applications as a stream, once the export (every row's id and person) is in the audit trail.</summary>
    public async Task<IAsyncEnumerable<ApplicationExportRow>> ExportAsync(IReadOnlyCollection<int> ids, string actorId, string format,
        CancellationToken ct = default)
    {
        Check(ids);
        var selected = Selected(ids);
        await db.RecordExportAsync(selected.Select(a => new ExportedRow(a.Id, a.Doctor.UserId)), actorId, "applications.selection", format,
            clock.Now, ct);
        return selected
            .Select(a => new ApplicationExportRow(a.Id, a.Cohort.Name, a.Doctor.FullName, a.Doctor.Hospital.ShortName, a.Doctor.Specialty,
                a.Status, a.SubmittedAt, a.LabChoices.OrderBy(c => c.Rank).Select(c => c.CohortLab.HostLab.Name).FirstOrDefault(),
                a.Placement != null && a.Placement.ReleasedAt == null ? a.Placement.CohortLab.HostLab.Name : null))
            .AsAsyncEnumerable();
    }

    private IQueryable<ExchangeApplication> Selected(IReadOnlyCollection<int> ids)
    {
        var wanted = ids.Distinct().ToArray();
        return db.Applications.AsNoTracking().Where(a => a.Status != ApplicationStatus.Draft && wanted.Contains(a.Id)).OrderBy(a => a.Id);
    }

    private static void Check(IReadOnlyCollection<int> ids)
    {
        if (ids.Count == 0)
            throw new DomainException(NothingSelected);
        if (ids.Count > MaxSelected)
            throw new DomainException(TooMany);
    }
}
