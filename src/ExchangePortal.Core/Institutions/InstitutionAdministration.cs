using ExchangePortal.Core.Agreements;
using ExchangePortal.Core.Auditing;
using ExchangePortal.Core.Cohorts;
using ExchangePortal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ExchangePortal.Core.Institutions;

/// <summary>One institution and what uses it: labs (a university's), accounts (a hospital's staff), agreements not yet
/// ended, and cohorts not completed or cancelled (through their agreement, their labs or their applicants).</summary>
public sealed record InstitutionRow(int Id, InstitutionKind Kind, string Name, string ShortName, string City, bool IsActive,
    int Labs, int Accounts, int OngoingAgreements, int OpenCohorts);

public sealed record InstitutionDraft(string Name, string ShortName, string City);

public sealed record InstitutionEditor(int Id, InstitutionKind Kind, InstitutionDraft Draft, bool IsActive, uint Version);

/// <summary>Administrators keep the universities and hospitals: create, edit, deactivate and reactivate, each audited.</summary>
public class InstitutionAdministration(PortalDbContext db, ProgrammeClock clock)
{
    public const string ChangedMeanwhile = "This institution changed while you were editing it; please reload.";

    public async Task<IReadOnlyList<InstitutionRow>> ListAsync(CancellationToken ct = default) =>
        await Rows(db.Institutions.AsNoTracking().OrderByDescending(i => i.IsActive).ThenBy(i => i.Name)).ToListAsync(ct);

    public Task<InstitutionEditor?> GetAsync(int id, CancellationToken ct = default) =>
        db.Institutions.AsNoTracking().Where(i => i.Id == id)
            .Select(i => new InstitutionEditor(i.Id, i.Kind, new InstitutionDraft(i.Name, i.ShortName, i.City), i.IsActive, i.Version))
            .SingleOrDefaultAsync(ct);

    /// <summary>A new institution is active; returns its id.</summary>
    public async Task<int> CreateAsync(InstitutionKind kind, InstitutionDraft draft, string actorId, CancellationToken ct = default)
    {
        var institution = new Institution(kind, draft.Name, draft.ShortName, draft.City);
        await EnsureUniqueAsync(institution, ct);
        db.Institutions.Add(institution);
        // The audit entry names the new id, so it is written after the insert, in the same transaction.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await SaveAsync(ct);
        db.AuditEntries.Add(Audit(institution.Id, actorId, "institution.created", Changes(null, institution)));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return institution.Id;
    }

    /// <param name="version">The row version the form was filled from: a later change makes this edit stale.</param>
    /// <returns>false when there is no such institution.</returns>
    public async Task<bool> UpdateAsync(int id, InstitutionDraft draft, uint version, string actorId, CancellationToken ct = default)
    {
        var institution = await db.Institutions.SingleOrDefaultAsync(i => i.Id == id, ct);
        if (institution is null)
            return false;
        if (institution.Version != version)
            throw new DomainException(ChangedMeanwhile);
        var before = new InstitutionDraft(institution.Name, institution.ShortName, institution.City);
        institution.Edit(draft.Name, draft.ShortName, draft.City);
        var changes = Changes(before, institution);
        if (changes.Count == 0)
            return true;
        await EnsureUniqueAsync(institution, ct);
        db.AuditEntries.Add(Audit(id, actorId, "institution.edited", changes));
        db.Entry(institution).Property(i => i.Version).OriginalValue = version;
        await SaveAsync(ct);
        return true;
    }

    /// <summary>Refused while an open cohort or an agreement not yet ended uses the institution.</summary>
    /// <returns>false when there is no such institution.</returns>
    public async Task<bool> DeactivateAsync(int id, string actorId, CancellationToken ct = default)
    {
        var institution = await db.Institutions.SingleOrDefaultAsync(i => i.Id == id, ct);
        if (institution is null)
            return false;
        var usage = await Rows(db.Institutions.Where(i => i.Id == id)).SingleAsync(ct);
        institution.Deactivate(usage.OpenCohorts, usage.OngoingAgreements);
        db.AuditEntries.Add(Audit(id, actorId, "institution.deactivated", ActiveChange(institution)));
        await SaveAsync(ct);
        return true;
    }

    /// <returns>false when there is no such institution.</returns>
    public async Task<bool> ReactivateAsync(int id, string actorId, CancellationToken ct = default)
    {
        var institution = await db.Institutions.SingleOrDefaultAsync(i => i.Id == id, ct);
        if (institution is null)
            return false;
        institution.Reactivate();
        db.AuditEntries.Add(Audit(id, actorId, "institution.reactivated", ActiveChange(institution)));
        await SaveAsync(ct);
        return true;
    }

    private IQueryable<InstitutionRow> Rows(IQueryable<Institution> institutions) => institutions.Select(i => new InstitutionRow(
        i.Id, i.Kind, i.Name, i.ShortName, i.City, i.IsActive,
        db.HostLabs.Count(l => l.UniversityId == i.Id),
        db.Users.Count(u => u.HospitalId == i.Id),
        db.Agreements.Count(a => AgreementRules.Ongoing.Contains(a.Status) && (a.UniversityId == i.Id || a.HospitalId == i.Id)),
        db.Cohorts.Count(c => !CohortRules.Ended.Contains(c.Status)
            && (c.Agreement.UniversityId == i.Id || c.Agreement.HospitalId == i.Id
                || c.Labs.Any(l => l.HostLab.UniversityId == i.Id)
                || db.Applications.Any(a => a.CohortId == c.Id && a.Doctor.HospitalId == i.Id)))));

    /// <summary>Names are unique per kind and short names overall, whatever the case.</summary>
    private async Task EnsureUniqueAsync(Institution institution, CancellationToken ct)
    {
        var (id, kind, name, shortName) = (institution.Id, institution.Kind, institution.Name.ToLower(), institution.ShortName.ToLower());
        if (await db.Institutions.AnyAsync(i => i.Id != id && i.Kind == kind && i.Name.ToLower() == name, ct))
            throw new DomainException(kind == InstitutionKind.University
                ? "Another university already has this name." : "Another hospital already has this name.");
        if (await db.Institutions.AnyAsync(i => i.Id != id && i.ShortName.ToLower() == shortName, ct))
            throw new DomainException("Another institution already has this short name.");
    }

    private async Task SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new DomainException(ChangedMeanwhile);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Two administrators saving the same name at once: the unique indexes decide.
            throw new DomainException("Another institution already has this name or short name.");
        }
    }

    private AuditEntry Audit(int id, string actorId, string action, Dictionary<string, FieldChange> changes) =>
        new(clock.Now, actorId, action, nameof(Institution), id.ToString(), changes);

    private static Dictionary<string, FieldChange> Changes(InstitutionDraft? before, Institution after)
    {
        var fields = new Dictionary<string, FieldChange>();
        if (before is null)
            fields["Kind"] = new FieldChange(null, after.Kind.ToString());
        foreach (var (field, old, now) in new[]
                 {
                     (nameof(after.Name), before?.Name, after.Name),
                     (nameof(after.ShortName), before?.ShortName, after.ShortName),
                     (nameof(after.City), before?.City, after.City),
                 })
            if (old != now)
                fields[field] = new FieldChange(old, now);
        return fields;
    }

    private static Dictionary<string, FieldChange> ActiveChange(Institution institution) =>
        new() { [nameof(institution.IsActive)] = new FieldChange((!institution.IsActive).ToString(), institution.IsActive.ToString()) };
}
