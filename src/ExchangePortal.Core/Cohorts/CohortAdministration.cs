using ExchangePortal.Core.Agreements;
using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Auditing;
using ExchangePortal.Core.Data;
using ExchangePortal.Core.HostLabs;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.Core.Cohorts;

public sealed record CohortRow(int Id, string Name, string Agreement, DateOnly ApplicationOpensOn, DateOnly ApplicationClosesOn,
    DateOnly StartsOn, DateOnly EndsOn, CohortStatus Status, int Capacity, int Seats, int SeatsTaken,
    IReadOnlyDictionary<ApplicationStatus, int> ApplicationsByStatus);

public sealed record CohortLabRow(int HostLabId, string Name, string Department, int Seats, int SeatsTaken);

public sealed record CohortDetails(int Id, string Name, string Agreement, DateOnly ApplicationOpensOn, DateOnly ApplicationClosesOn,
    DateOnly StartsOn, DateOnly EndsOn, CohortStatus Status, int Capacity, bool RequiresEndorsement, List<CohortLabRow> Labs,
    IReadOnlyDictionary<ApplicationStatus, int> ApplicationsByStatus);

public sealed record LabSeatPlan(int HostLabId, int Seats);

/// <summary>What a coordinator enters about a cohort: its name, dates, capacity and the labs taking part with their seats.</summary>
public sealed record CohortPlan(string Name, DateOnly ApplicationOpensOn, DateOnly ApplicationClosesOn, DateOnly StartsOn,
    DateOnly EndsOn, int Capacity, bool RequiresEndorsement, IReadOnlyList<LabSeatPlan> Labs,
    IReadOnlyList<Documents.DocumentKind>? ClearanceKinds = null);

/// <summary>A lab the form offers: taking part or not, its seats, and the seats already taken in this cohort.</summary>
public sealed record CohortLabOption(int HostLabId, string Name, bool TakesPart, int Seats, int SeatsTaken);

public sealed record CohortEditor(int Id, string Agreement, CohortStatus Status, CohortPlan Plan, IReadOnlyList<CohortLabOption> Labs, string Stamp);

public sealed record NewCohortOptions(IReadOnlyList<Option<int>> Agreements, IReadOnlyList<CohortLabOption> Labs);

/// <summary>University coordinators plan cohorts: dates, capacity, labs and seats, and move them through their statuses.</summary>
public class CohortAdministration(PortalDbContext db, ProgrammeClock clock)
{
    public const string ChangedMeanwhile = "This cohort changed while you were editing it; please reload.";

    public async Task<IReadOnlyList<CohortRow>> ListAsync(CancellationToken ct = default)
    {
        var cohorts = await db.Cohorts.AsNoTracking()
            .OrderByDescending(c => c.StartsOn).ThenBy(c => c.Id)
            .Select(c => new
            {
                c.Id,
                c.Name,
                Agreement = c.Agreement.Title,
                c.ApplicationOpensOn,
                c.ApplicationClosesOn,
                c.StartsOn,
                c.EndsOn,
                c.Status,
                c.Capacity,
                Seats = c.Labs.Sum(l => l.Seats),
                SeatsTaken = c.Labs.Sum(l => l.SeatsTaken),
            })
            .ToListAsync(ct);
        // The trigger-kept counters, not a count over every application (see ApplicationStatusCount).
        var counts = await db.ApplicationStatusCounts.AsNoTracking()
            .GroupBy(c => new { c.CohortId, c.Status })
            .Select(g => new { g.Key.CohortId, g.Key.Status, Count = g.Sum(c => c.Count) })
            .Where(g => g.Count > 0)
            .ToListAsync(ct);
        var byCohort = counts.ToLookup(c => c.CohortId);
        return cohorts.Select(c => new CohortRow(c.Id, c.Name, c.Agreement, c.ApplicationOpensOn, c.ApplicationClosesOn, c.StartsOn,
                c.EndsOn, c.Status, c.Capacity, c.Seats, c.SeatsTaken, byCohort[c.Id].ToDictionary(x => x.Status, x => x.Count)))
            .ToList();
    }

    public async Task<CohortDetails?> GetDetailsAsync(int id, CancellationToken ct = default)
    {
        var cohort = await db.Cohorts.AsNoTracking()
            .Where(c => c.Id == id)
            .Select(c => new
            {
                c.Id,
                c.Name,
                Agreement = c.Agreement.Title,
                c.ApplicationOpensOn,
                c.ApplicationClosesOn,
                c.StartsOn,
                c.EndsOn,
                c.Status,
                c.Capacity,
                c.RequiresEndorsement,
                Labs = c.Labs.OrderBy(l => l.HostLab.Name)
                    .Select(l => new CohortLabRow(l.HostLabId, l.HostLab.Name, l.HostLab.Department, l.Seats, l.SeatsTaken)).ToList(),
                Counts = db.ApplicationStatusCounts.Where(x => x.CohortId == c.Id).GroupBy(x => x.Status)
                    .Select(g => new { Status = g.Key, Count = g.Sum(x => x.Count) }).Where(g => g.Count > 0).ToList(),
            })
            .AsSplitQuery()
            .SingleOrDefaultAsync(ct);
        return cohort is null ? null : new CohortDetails(cohort.Id, cohort.Name, cohort.Agreement, cohort.ApplicationOpensOn,
            cohort.ApplicationClosesOn, cohort.StartsOn, cohort.EndsOn, cohort.Status, cohort.Capacity, cohort.RequiresEndorsement,
            cohort.Labs, cohort.Counts.ToDictionary(c => c.Status, c => c.Count));
    }

    public async Task<NewCohortOptions> GetNewCohortOptionsAsync(CancellationToken ct = default)
    {
        var today = clock.Today;
        var agreements = await db.Agreements.AsNoTracking()
            .Where(a => a.Status == AgreementStatus.Active && a.EffectiveTo >= today)
            .OrderBy(a => a.Title)
            .Select(a => new Option<int>(a.Id, a.Title))
            .ToListAsync(ct);
        var labs = await db.HostLabs.AsNoTracking()
            .Where(l => l.IsActive)
            .OrderBy(l => l.Name)
            .Select(l => new CohortLabOption(l.Id, l.Name, false, l.DefaultSeats, 0))
            .ToListAsync(ct);
        return new NewCohortOptions(agreements, labs);
    }

    public async Task<CohortEditor?> GetEditorAsync(int id, CancellationToken ct = default)
    {
        var cohort = await WithLabs().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (cohort is null)
            return null;
        var others = await db.HostLabs.AsNoTracking()
            .Where(l => l.IsActive && l.UniversityId == cohort.Agreement.UniversityId && !db.CohortLabs.Any(cl => cl.CohortId == id && cl.HostLabId == l.Id))
            .Select(l => new CohortLabOption(l.Id, l.Name, false, l.DefaultSeats, 0))
            .ToListAsync(ct);
        var labs = cohort.Labs.Select(l => new CohortLabOption(l.HostLabId, l.HostLab.Name, true, l.Seats, l.SeatsTaken))
            .Concat(others).OrderBy(l => l.Name).ToList();
        return new CohortEditor(cohort.Id, cohort.Agreement.Title, cohort.Status, PlanOf(cohort), labs, Stamp(cohort));
    }

    public async Task<int> CreateAsync(int agreementId, CohortPlan plan, CancellationToken ct = default)
    {
        var today = clock.Today;
        var agreement = await db.Agreements
            .SingleOrDefaultAsync(a => a.Id == agreementId && a.Status == AgreementStatus.Active && a.EffectiveTo >= today, ct)
            ?? throw new DomainException("Please choose an active agreement from the list.");
        var cohort = new ExchangeCohort(agreement, plan.Name, plan.ApplicationOpensOn, plan.ApplicationClosesOn, plan.StartsOn,
            plan.EndsOn, plan.Capacity, plan.RequiresEndorsement);
        cohort.Replan(plan.Capacity, await LabsOfAsync(agreement.UniversityId, plan.Labs, [], ct), new HashSet<int>());
        if (plan.ClearanceKinds is { } kinds)
            cohort.RequireForClearance(kinds);
        db.Cohorts.Add(cohort);
        db.Milestones.AddRange(cohort.KeyDateMilestones());
        await db.SaveChangesAsync(ct);
        return cohort.Id;
    }

    /// <summary>
    /// Copies the cohort to the next cycle (<see cref="ExchangeCohort.CopyToNextCycle"/>) with its key-date milestones;
    /// the copy's creation is audited with the cohort it was copied from. Returns the new cohort's id.
    /// </summary>
    /// <returns>null when there is no such cohort.</returns>
    public async Task<int?> CopyToNextCycleAsync(int id, int months, int days, string actorId, CancellationToken ct = default)
    {
        var source = await WithLabs().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (source is null)
            return null;
        if (source.Agreement.Status != AgreementStatus.Active || source.Agreement.EffectiveTo < clock.Today)
            throw new DomainException("The cohort's agreement is no longer active; a new cohort needs an active agreement.");
        var copy = source.CopyToNextCycle(months, days);
        db.Cohorts.Add(copy);
        db.Milestones.AddRange(copy.KeyDateMilestones());
        // The audit entry names the new cohort's id, so it is written after the insert, in the same transaction.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        db.AuditEntries.Add(new AuditEntry(clock.Now, actorId, "exchangeCohort.copied", nameof(ExchangeCohort), copy.Id.ToString(), new()
        {
            ["CopiedFrom"] = new FieldChange(null, $"{source.Id} {source.Name}"),
            ["Interval"] = new FieldChange(null, $"{months} months {days} days"),
        }));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return copy.Id;
    }

    /// <returns>false when there is no such cohort.</returns>
    public async Task<bool> UpdateAsync(int id, CohortPlan plan, string stamp, CancellationToken ct = default)
    {
        var cohort = await WithLabs().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (cohort is null)
            return false;
        if (Stamp(cohort) != stamp)
            throw new DomainException(ChangedMeanwhile);
        var labs = await LabsOfAsync(cohort.Agreement.UniversityId, plan.Labs, cohort.Labs.Select(l => l.HostLab).ToList(), ct);
        var chosen = await db.LabChoices.Where(c => c.CohortLab.CohortId == id).Select(c => c.CohortLabId)
            .Union(db.Placements.Where(p => p.CohortLab.CohortId == id).Select(p => p.CohortLabId))
            .Union(db.Applications.Where(a => a.CohortId == id && a.WaitlistedForId != null).Select(a => a.WaitlistedForId!.Value))
            .ToListAsync(ct);

        cohort.Rename(plan.Name);
        cohort.Reschedule(plan.ApplicationOpensOn, plan.ApplicationClosesOn, plan.StartsOn, plan.EndsOn);
        cohort.SetRequiresEndorsement(plan.RequiresEndorsement);
        cohort.Replan(plan.Capacity, labs, chosen.ToHashSet());
        if (plan.ClearanceKinds is { } kinds)
            cohort.RequireForClearance(kinds);
        var milestones = await db.Milestones.Where(m => m.CohortId == id && m.Source != MilestoneSource.Manual).ToListAsync(ct);
        foreach (var milestone in milestones)
            milestone.FollowCohort(cohort);
        // Unchanged seat rows are written too, so that their xmin guards the whole edit against a concurrent approval or edit.
        foreach (var cohortLab in cohort.Labs.Where(l => db.Entry(l).State == EntityState.Unchanged))
            db.Entry(cohortLab).Property(l => l.Seats).IsModified = true;
        await db.SaveOrRefuseAsync(ChangedMeanwhile, ct);
        return true;
    }

    /// <returns>false when there is no such cohort.</returns>
    public async Task<bool> ChangeStatusAsync(int id, CohortAction action, CancellationToken ct = default)
    {
        var cohort = await db.Cohorts.SingleOrDefaultAsync(c => c.Id == id, ct);
        if (cohort is null)
            return false;
        cohort.Take(action);
        await db.SaveOrRefuseAsync(ChangedMeanwhile, ct);
        return true;
    }

    private async Task<List<(HostLab Lab, int Seats)>> LabsOfAsync(int universityId, IReadOnlyList<LabSeatPlan> wanted,
        IReadOnlyList<HostLab> alreadyIn, CancellationToken ct)
    {
        var newIds = wanted.Select(l => l.HostLabId).Except(alreadyIn.Select(l => l.Id)).ToList();
        var found = await db.HostLabs.Where(l => newIds.Contains(l.Id) && l.IsActive && l.UniversityId == universityId).ToListAsync(ct);
        var labs = alreadyIn.Concat(found).ToDictionary(l => l.Id);
        return wanted.Select(w => labs.TryGetValue(w.HostLabId, out var lab)
                ? (lab, w.Seats)
                : throw new DomainException("Please choose labs from the list of active labs of the agreement's university."))
            .ToList();
    }

    private IQueryable<ExchangeCohort> WithLabs() => db.Cohorts.Include(c => c.Agreement)
        .Include(c => c.Labs).ThenInclude(l => l.HostLab).Include(c => c.ClearanceItems).AsSplitQuery();

    private static CohortPlan PlanOf(ExchangeCohort c) => new(c.Name, c.ApplicationOpensOn, c.ApplicationClosesOn, c.StartsOn,
        c.EndsOn, c.Capacity, c.RequiresEndorsement, c.Labs.Select(l => new LabSeatPlan(l.HostLabId, l.Seats)).ToList(),
        c.ClearanceItems.Select(i => i.Kind).ToList());

    // The xmin of the cohort row and of its seat rows: any committed change to them makes the form stale.
    private static string Stamp(ExchangeCohort c) =>
        string.Join(';', c.Labs.OrderBy(l => l.HostLabId).Select(l => $"{l.HostLabId}:{l.Version}").Prepend(c.Version.ToString()));
}
