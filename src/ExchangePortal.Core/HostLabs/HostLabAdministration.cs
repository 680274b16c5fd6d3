using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Data;
using ExchangePortal.Core.Institutions;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.Core.HostLabs;

public sealed record HostLabRow(int Id, string Name, string University, string Department, string PrincipalInvestigator,
    int DefaultSeats, bool IsActive);

/// <summary>What a coordinator enters about a lab; research areas come as a comma-separated list.</summary>
public sealed record HostLabDraft(string Name, string Department, string PrincipalInvestigatorName, string PrincipalInvestigatorEmail,
    string ResearchAreas, string Description, int DefaultSeats);

public sealed record HostLabEditor(int Id, string Name, HostLabDraft Draft, bool IsActive, string Stamp);

/// <summary>University coordinators create, edit, deactivate and reactivate the host labs.</summary>
public class HostLabAdministration(PortalDbContext db)
{
    public const string ChangedMeanwhile = "This host lab changed while you were editing it; please reload.";

    private static readonly ApplicationStatus[] Current =
        [ApplicationStatus.Offered, ApplicationStatus.Confirmed, ApplicationStatus.InProgress];

    public async Task<IReadOnlyList<HostLabRow>> ListAsync(CancellationToken ct = default) =>
        await db.HostLabs.AsNoTracking()
            .OrderByDescending(l => l.IsActive).ThenBy(l => l.Name)
            .Select(l => new HostLabRow(l.Id, l.Name, l.University.ShortName, l.Department, l.PrincipalInvestigatorName,
                l.DefaultSeats, l.IsActive))
            .ToListAsync(ct);

    public async Task<IReadOnlyList<Option<int>>> ListUniversitiesAsync(CancellationToken ct = default) =>
        await db.Institutions.AsNoTracking()
            .Where(i => i.Kind == InstitutionKind.University && i.IsActive)
            .OrderBy(i => i.Name)
            .Select(i => new Option<int>(i.Id, i.Name))
            .ToListAsync(ct);

    public async Task<HostLabEditor?> GetEditorAsync(int id, CancellationToken ct = default)
    {
        var lab = await db.HostLabs.AsNoTracking().SingleOrDefaultAsync(l => l.Id == id, ct);
        return lab is null ? null : new HostLabEditor(lab.Id, lab.Name, new HostLabDraft(lab.Name, lab.Department,
            lab.PrincipalInvestigatorName, lab.PrincipalInvestigatorEmail, string.Join(", ", lab.ResearchAreas), lab.Description,
            lab.DefaultSeats), lab.IsActive, Stamp(lab));
    }

    public async Task<int> CreateAsync(int universityId, HostLabDraft draft, CancellationToken ct = default)
    {
        var university = await db.Institutions.SingleOrDefaultAsync(i => i.Id == universityId && i.Kind == InstitutionKind.University && i.IsActive, ct)
            ?? throw new DomainException("Please choose a university from the list.");
        var lab = new HostLab(university, draft.Name, draft.Department, draft.PrincipalInvestigatorName,
            draft.PrincipalInvestigatorEmail, SplitAreas(draft.ResearchAreas), draft.Description, draft.DefaultSeats);
        db.HostLabs.Add(lab);
        await db.SaveChangesAsync(ct);
        return lab.Id;
    }

    /// <returns>false when there is no such lab.</returns>
    public async Task<bool> UpdateAsync(int id, HostLabDraft draft, string stamp, CancellationToken ct = default)
    {
        var lab = await db.HostLabs.SingleOrDefaultAsync(l => l.Id == id, ct);
        if (lab is null)
            return false;
        if (Stamp(lab) != stamp)
            throw new DomainException(ChangedMeanwhile);
        lab.Edit(draft.Name, draft.Department, draft.PrincipalInvestigatorName, draft.PrincipalInvestigatorEmail,
            SplitAreas(draft.ResearchAreas), draft.Description, draft.DefaultSeats);
        await db.SaveOrRefuseAsync(ChangedMeanwhile, ct);
        return true;
    }

    /// <returns>false when there is no such lab.</returns>
    public async Task<bool> DeactivateAsync(int id, CancellationToken ct = default)
    {
        var lab = await db.HostLabs.SingleOrDefaultAsync(l => l.Id == id, ct);
        if (lab is null)
            return false;
        var currentPlacements = await db.Placements.CountAsync(p => p.ReleasedAt == null
            && p.CohortLab.HostLabId == id && Current.Contains(p.Application.Status), ct);
        lab.Deactivate(currentPlacements);
        await db.SaveOrRefuseAsync(ChangedMeanwhile, ct);
        return true;
    }

    /// <returns>false when there is no such lab.</returns>
    public async Task<bool> ActivateAsync(int id, CancellationToken ct = default)
    {
        var lab = await db.HostLabs.SingleOrDefaultAsync(l => l.Id == id, ct);
        if (lab is null)
            return false;
        lab.Activate();
        await db.SaveOrRefuseAsync(ChangedMeanwhile, ct);
        return true;
    }

    private static IEnumerable<string> SplitAreas(string areas) =>
        areas.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    // The row's xmin: it changes with every committed update, so a stale form is refused.
    private static string Stamp(HostLab lab) => lab.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
