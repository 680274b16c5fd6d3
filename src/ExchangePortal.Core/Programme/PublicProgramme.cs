using ExchangePortal.Core.Agreements;
using ExchangePortal.Core.Cohorts;
using ExchangePortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.Core.Programme;

public sealed record AgreementInForce(int Id, string Title, string University, string Hospital,
    DateOnly? SignedOn, DateOnly EffectiveFrom, DateOnly EffectiveTo, List<string> Areas);

public sealed record OpenCohort(int Id, string Name, string AgreementTitle, DateOnly ApplicationClosesOn,
    DateOnly StartsOn, DateOnly EndsOn, int LabCount, int Seats, int SeatsTaken, bool RequiresEndorsement);

public sealed record ProgrammeOverview(IReadOnlyList<AgreementInForce> Agreements, IReadOnlyList<OpenCohort> OpenCohorts);

/// <summary>The public face of the programme: agreements in force and cohorts open for applications.</summary>
public class PublicProgramme(PortalDbContext db, ProgrammeClock clock)
{
    public async Task<ProgrammeOverview> GetOverviewAsync(CancellationToken ct = default)
    {
        var today = clock.Today;
        var agreements = await db.Agreements.AsNoTracking()
            .Where(a => a.Status == AgreementStatus.Active && a.EffectiveFrom <= today && today <= a.EffectiveTo)
            .OrderBy(a => a.EffectiveFrom)
            .Select(a => new AgreementInForce(a.Id, a.Title, a.University.Name, a.Hospital.Name, a.SignedOn,
                a.EffectiveFrom, a.EffectiveTo, a.Areas.OrderBy(x => x.Name).Select(x => x.Name).ToList()))
            .ToListAsync(ct);
        var cohorts = await db.Cohorts.AsNoTracking()
            .Where(c => c.Status == CohortStatus.Open && c.ApplicationOpensOn <= today && today <= c.ApplicationClosesOn)
            .OrderBy(c => c.ApplicationClosesOn)
            .Select(c => new OpenCohort(c.Id, c.Name, c.Agreement.Title, c.ApplicationClosesOn, c.StartsOn, c.EndsOn,
                c.Labs.Count, c.Labs.Sum(l => l.Seats), c.Labs.Sum(l => l.SeatsTaken), c.RequiresEndorsement))
            .ToListAsync(ct);
        return new ProgrammeOverview(agreements, cohorts);
    }
}
