using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Auditing;
using ExchangePortal.Core.Data;
using ExchangePortal.Core.Documents;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.Core.Clearance;

public sealed record ClearanceRow(int ApplicationId, string Doctor, string Hospital, ApplicationStatus Status, DateOnly ArrivesOn,
    DateOnly EndsOn, int DaysToArrival, bool Cleared, IReadOnlyList<ClearanceItemState> Items);

public sealed record ClearanceBoardView(int CohortId, string Cohort, IReadOnlyList<DocumentKind> Required, IReadOnlyList<ClearanceRow> Rows,
    int Boarded, int Cleared);

/// <summary>
/// Per cohort, each confirmed doctor's required pre-arrival documents and where each stands (<see cref="ClearanceRules"/>).
/// Two statements whatever the cohort's size: the cohort, then its confirmed doctors with their pre-arrival papers.
/// </summary>
public class ClearanceBoard(PortalDbContext db, ProgrammeClock clock)
{
    private sealed record BoardedDoctor(int ApplicationId, int CohortId, string Doctor, string Hospital, ApplicationStatus Status, DateOnly ArrivesOn,
        DateOnly EndsOn, List<ClearanceDocument> Documents, string UserId);

    public async Task<ClearanceBoardView?> GetAsync(int cohortId, bool notClearedOnly, CancellationToken ct = default)
    {
        var cohort = await CohortOf(db, cohortId, ct);
        if (cohort is null)
            return null;
        var rows = (await Boarded(db, cohortId, null, null).ToListAsync(ct)).Select(b => RowOf(b, cohort.Required)).ToList();
        return new ClearanceBoardView(cohort.Id, cohort.Name, cohort.Required,
            rows.Where(r => !notClearedOnly || !r.Cleared).ToList(), rows.Count, rows.Count(r => r.Cleared));
    }

    /// <summary>The board for a file; the export is audited with every row and person it holds, as the other exports are.</summary>
    public async Task<ClearanceBoardView?> ExportAsync(int cohortId, bool notClearedOnly, string actorId, string format, CancellationToken ct = default)
    {
        var board = await GetAsync(cohortId, notClearedOnly, ct);
        if (board is null)
            return null;
        var ids = board.Rows.Select(r => r.ApplicationId).ToList();
        await db.RecordExportAsync(db.Applications.Where(a => ids.Contains(a.Id)).Select(a => new ExportedRow(a.Id, a.Doctor.UserId)),
            actorId, $"clearance:{cohortId}", format, clock.Now, ct);
        return board;
    }

    /// <summary>The applicant's own items before arrival (the cohort's required ones and any other uploaded); empty when the application is not between the offer and the stay's end.</summary>
    public async Task<IReadOnlyList<ClearanceItemState>> ForApplicantAsync(int applicationId, string userId, CancellationToken ct = default)
    {
        var renewing = ApplicationRules.From(ApplicationAction.RenewDocuments).ToArray();
        var mine = await db.Applications.AsNoTracking()
            .Where(a => a.Id == applicationId && a.Doctor.UserId == userId && renewing.Contains(a.Status)
                && a.Placement != null)
            .Select(a => new
            {
                a.Placement!.EndsOn,
                Required = a.Cohort.ClearanceItems.Select(i => i.Kind).ToList(),
                Documents = db.Documents
                .Where(d => d.ApplicationId == a.Id && ClearanceRules.PreArrivalKinds.Contains(d.Kind))
                .Select(d => new ClearanceDocument(d.Id, d.Kind, d.Verification, d.ExpiresOn, d.UploadedAt, d.ReturnReason)).ToList()
            })
            .SingleOrDefaultAsync(ct);
        // What the cohort requires, and any other pre-arrival paper the applicant uploaded (a returned one must show its reason).
        return mine is null ? [] : ClearanceRules.StatesOf(mine.Required.Union(mine.Documents.Select(d => d.Kind)), mine.Documents, mine.EndsOn);
    }

    /// <summary>A hospital coordinator's confirmed staff among the given applications, each with its items; others are left out.</summary>
    public async Task<IReadOnlyDictionary<int, ClearanceRow>> ForHospitalAsync(string userId, IReadOnlyCollection<int> applicationIds,
        CancellationToken ct = default)
    {
        var hospitalId = await db.Users.Where(u => u.Id == userId).Select(u => u.HospitalId).SingleOrDefaultAsync(ct);
        var rows = await Boarded(db, null, applicationIds.ToArray(), hospitalId).ToListAsync(ct);
        if (rows.Count == 0)
            return new Dictionary<int, ClearanceRow>();
        var cohortIds = rows.Select(r => r.CohortId).Distinct().ToList();
        var required = (await db.Set<Cohorts.CohortClearanceItem>().AsNoTracking().Where(i => cohortIds.Contains(i.CohortId)).ToListAsync(ct))
            .ToLookup(i => i.CohortId, i => i.Kind);
        return rows.ToDictionary(r => r.ApplicationId, r => RowOf(r, required[r.CohortId].ToList()));
    }

    // Cleared when every required item is verified: the rule's C# form (ClearanceRules.Counts) over the papers already read,
    // the same as its SQL form (ClearanceRules.Cleared) that the dashboard counts with; a subquery per row cost more than the rest.
    private ClearanceRow RowOf(BoardedDoctor b, IReadOnlyList<DocumentKind> required)
    {
        var items = ClearanceRules.StatesOf(required, b.Documents, b.EndsOn);
        return new(b.ApplicationId, b.Doctor, b.Hospital, b.Status, b.ArrivesOn, b.EndsOn, b.ArrivesOn.DayNumber - clock.Today.DayNumber,
            items.All(i => i.State == ClearanceState.Verified), items);
    }

    // Compiled once, as the board is read on every visit (translating its queries cost more here than running them).
    private sealed record BoardCohort(int Id, string Name, List<DocumentKind> Required);

    private static readonly Func<PortalDbContext, int, CancellationToken, Task<BoardCohort?>> CohortOf = EF.CompileAsyncQuery(
        (PortalDbContext db, int cohortId, CancellationToken ct) => db.Cohorts.AsNoTracking().Where(c => c.Id == cohortId)
            .Select(c => new BoardCohort(c.Id, c.Name, c.ClearanceItems.Select(i => i.Kind).ToList()))
            .SingleOrDefault());

    /// <summary>The confirmed doctors of a cohort (cohortId), or those of a hospital among some applications (ids and hospitalId),
    /// by arrival: EF leaves out the condition whose parameter is null, so each use gets its own plain SQL.</summary>
    private static readonly Func<PortalDbContext, int?, int[]?, int?, IAsyncEnumerable<BoardedDoctor>> Boarded = EF.CompileAsyncQuery(
        (PortalDbContext db, int? cohortId, int[]? ids, int? hospitalId) => db.Applications.AsNoTracking()
            .Where(a => cohortId == null || a.CohortId == cohortId)
            .Where(a => ids == null || (ids.Contains(a.Id) && a.Doctor.HospitalId == hospitalId))
            .Where(a => ClearanceRules.Boarded.Contains(a.Status) && a.Placement != null)
            .OrderBy(a => a.Placement!.StartsOn).ThenBy(a => a.Doctor.FullName).ThenBy(a => a.Id)
            .Select(a => new BoardedDoctor(a.Id, a.CohortId, a.Doctor.FullName, a.Doctor.Hospital.ShortName, a.Status, a.Placement!.StartsOn, a.Placement.EndsOn,
                db.Documents.Where(d => d.ApplicationId == a.Id && ClearanceRules.PreArrivalKinds.Contains(d.Kind))
                    .Select(d => new ClearanceDocument(d.Id, d.Kind, d.Verification, d.ExpiresOn, d.UploadedAt, d.ReturnReason)).ToList(),
                a.Doctor.UserId)));
}
