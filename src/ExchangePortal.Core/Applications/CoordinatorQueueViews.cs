using ExchangePortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.Core.Applications;

/// <summary>A saved view with the names of what it filters by, for the list.</summary>
public sealed record SavedQueueViewRow(int Id, string Name, QueueFilter Filter, string? Cohort, string? Lab, string? Hospital, DateTimeOffset SavedAt);

/// <summary>Each coordinator's saved views of the review queue; another coordinator's view is not there (false / null → 404).</summary>
public class CoordinatorQueueViews(PortalDbContext db, ProgrammeClock clock)
{
    public const int MaxViews = 50;

    public async Task<IReadOnlyList<SavedQueueViewRow>> ListAsync(string ownerId, CancellationToken ct = default) =>
        await db.SavedQueueViews.AsNoTracking()
            .Where(v => v.OwnerId == ownerId)
            .OrderBy(v => v.Name).ThenBy(v => v.Id)
            .Select(v => new SavedQueueViewRow(v.Id, v.Name,
                new QueueFilter(v.CohortId, v.Status, v.HostLabId, v.Specialty, v.HospitalId, v.Search, v.Sort, 1),
                db.Cohorts.Where(c => c.Id == v.CohortId).Select(c => c.Name).FirstOrDefault(),
                db.HostLabs.Where(l => l.Id == v.HostLabId).Select(l => l.Name).FirstOrDefault(),
                db.Institutions.Where(i => i.Id == v.HospitalId).Select(i => i.Name).FirstOrDefault(), v.SavedAt))
            .ToListAsync(ct);

    /// <returns>The view's filter, or null when the owner has no such view.</returns>
    public async Task<QueueFilter?> FilterOfAsync(int id, string ownerId, CancellationToken ct = default) =>
        await db.SavedQueueViews.AsNoTracking()
            .Where(v => v.Id == id && v.OwnerId == ownerId)
            .Select(v => new QueueFilter(v.CohortId, v.Status, v.HostLabId, v.Specialty, v.HospitalId, v.Search, v.Sort, 1))
            .SingleOrDefaultAsync(ct);

    /// <summary>Saves the filter under the name; a view of the same name is saved over.</summary>
    public async Task<bool> SaveAsync(string ownerId, string name, QueueFilter filter, CancellationToken ct = default)
    {
        var trimmed = name.Trim();
        var view = await db.SavedQueueViews.SingleOrDefaultAsync(v => v.OwnerId == ownerId && v.Name == trimmed, ct);
        if (view is not null)
            view.Save(filter, clock.Now);
        else if (await db.SavedQueueViews.CountAsync(v => v.OwnerId == ownerId, ct) >= MaxViews)
            throw new DomainException("You have 50 saved views; delete one before saving another.");
        else
            db.SavedQueueViews.Add(new SavedQueueView(ownerId, trimmed, filter, clock.Now));
        await db.SaveOrRefuseAsync("A view of that name was saved at the same moment; please try again.", ct);
        return true;
    }

    /// <returns>false when the owner has no such view.</returns>
    public async Task<bool> DeleteAsync(int id, string ownerId, CancellationToken ct = default) =>
        await db.SavedQueueViews.Where(v => v.Id == id && v.OwnerId == ownerId).ExecuteDeleteAsync(ct) == 1;
}
