using ExchangePortal.Core.Cohorts;
using ExchangePortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.Core.HostLabs;

public sealed record LabCard(int Id, string Name, string Department, string PrincipalInvestigator, List<string> ResearchAreas);

public sealed record CatalogueFilters(List<string> Departments, List<string> ResearchAreas);

public sealed record LabCohortSeats(int CohortId, string CohortName, DateOnly ApplicationClosesOn, int Seats, int SeatsTaken);

public sealed record LabDetails(int Id, string Name, string Department, string University, string PrincipalInvestigator,
    string PrincipalInvestigatorEmail, List<string> ResearchAreas, string Description, List<LabCohortSeats> OpenCohorts);

/// <summary>The public catalogue of active host labs.</summary>
public class LabCatalogue(PortalDbContext db, ProgrammeClock clock)
{
    public async Task<IReadOnlyList<LabCard>> ListActiveAsync(string? search, string? department, string? researchArea,
        CancellationToken ct = default)
    {
        var labs = db.HostLabs.AsNoTracking().Where(l => l.IsActive);
        if (!string.IsNullOrWhiteSpace(department))
            labs = labs.Where(l => l.Department == department);
        if (!string.IsNullOrWhiteSpace(researchArea))
            labs = labs.Where(l => l.ResearchAreas.Contains(researchArea));
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = $"%{EscapeLike(search.Trim())}%";
            labs = labs.Where(l => EF.Functions.ILike(l.Name, pattern) || EF.Functions.ILike(l.Department, pattern)
                || l.ResearchAreas.Any(a => EF.Functions.ILike(a, pattern)));
        }
        return await labs.OrderBy(l => l.Name)
            .Select(l => new LabCard(l.Id, l.Name, l.Department, l.PrincipalInvestigatorName, l.ResearchAreas))
            .ToListAsync(ct);
    }

    /// <summary>The departments and research areas of the active labs, for the catalogue's filters.</summary>
    public async Task<CatalogueFilters> FiltersAsync(CancellationToken ct = default)
    {
        var labs = await db.HostLabs.AsNoTracking().Where(l => l.IsActive).Select(l => new { l.Department, l.ResearchAreas }).ToListAsync(ct);
        return new CatalogueFilters(
            labs.Select(l => l.Department).Distinct().Order().ToList(),
            labs.SelectMany(l => l.ResearchAreas).Distinct(StringComparer.OrdinalIgnoreCase).Order().ToList());
    }

    public async Task<LabDetails?> GetActiveAsync(int id, CancellationToken ct = default)
    {
        var today = clock.Today;
        return await db.HostLabs.AsNoTracking()
            .Where(l => l.Id == id && l.IsActive)
            .Select(l => new LabDetails(l.Id, l.Name, l.Department, l.University.Name, l.PrincipalInvestigatorName,
                l.PrincipalInvestigatorEmail, l.ResearchAreas, l.Description,
                db.CohortLabs
                    .Where(cl => cl.HostLabId == l.Id && cl.Cohort.Status == CohortStatus.Open && cl.Cohort.ApplicationClosesOn >= today)
                    .OrderBy(cl => cl.Cohort.ApplicationClosesOn)
                    .Select(cl => new LabCohortSeats(cl.CohortId, cl.Cohort.Name, cl.Cohort.ApplicationClosesOn, cl.Seats, cl.SeatsTaken))
                    .ToList()))
            .SingleOrDefaultAsync(ct);
    }

    private static string EscapeLike(string text) =>
        text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");
}
