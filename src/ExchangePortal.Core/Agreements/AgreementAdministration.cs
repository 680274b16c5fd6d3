using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Auditing;
using ExchangePortal.Core.Data;
using ExchangePortal.Core.Documents;
using ExchangePortal.Core.Institutions;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.Core.Agreements;

public sealed record NewAgreementOptions(IReadOnlyList<Option<string>> Universities, IReadOnlyList<Option<string>> Hospitals);

public sealed record AgreementDraft(string Title, int UniversityId, int HospitalId, DateOnly EffectiveFrom, DateOnly EffectiveTo);

public sealed record SignatoryEntry(string Name, string Title, int InstitutionId);

/// <summary>What an administrator enters when editing an agreement; a new area's name is added to the areas.</summary>
public sealed record AgreementEdit(string Title, DateOnly? SignedOn, DateOnly EffectiveFrom, DateOnly EffectiveTo, AgreementStatus Status,
    IReadOnlyList<SignatoryEntry> Signatories, IReadOnlyList<int> AreaIds, string? NewArea);

/// <summary>Administrators create and edit agreements and keep their signed text; each change audited field by field.</summary>
public class AgreementAdministration(PortalDbContext db, ProgrammeClock clock)
{
    public const string ChangedMeanwhile = "This agreement changed while you were editing it; please reload.";

    public async Task<NewAgreementOptions> GetNewOptionsAsync(CancellationToken ct = default)
    {
        var institutions = await db.Institutions.AsNoTracking().Where(i => i.IsActive).OrderBy(i => i.Name)
            .Select(i => new { i.Kind, Option = new Option<string>(i.Id.ToString(), i.Name) }).ToListAsync(ct);
        return new NewAgreementOptions(
            institutions.Where(i => i.Kind == InstitutionKind.University).Select(i => i.Option).ToList(),
            institutions.Where(i => i.Kind == InstitutionKind.Hospital).Select(i => i.Option).ToList());
    }

    /// <summary>A new agreement starts as a draft; returns its id.</summary>
    public async Task<int> CreateAsync(AgreementDraft draft, string actorId, CancellationToken ct = default)
    {
        // A new agreement is made only with active institutions; existing ones keep theirs.
        var parties = await db.Institutions.Where(i => i.IsActive && (i.Id == draft.UniversityId || i.Id == draft.HospitalId)).ToListAsync(ct);
        var university = parties.SingleOrDefault(i => i.Id == draft.UniversityId && i.Kind == InstitutionKind.University)
            ?? throw new DomainException("Choose a university from the list.");
        var hospital = parties.SingleOrDefault(i => i.Id == draft.HospitalId && i.Kind == InstitutionKind.Hospital)
            ?? throw new DomainException("Choose a hospital from the list.");
        var agreement = new Agreement(draft.Title, university, hospital, draft.EffectiveFrom, draft.EffectiveTo);
        db.Agreements.Add(agreement);
        // The audit entry names the new agreement's id, so it is written after the insert, in the same transaction.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        db.AuditEntries.Add(Audit(agreement.Id, actorId, "agreement.created", Fields(null, Snapshot(agreement))));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return agreement.Id;
    }

    /// <param name="version">The row version the form was filled from: a later change makes this edit stale.</param>
    /// <returns>false when there is no such agreement.</returns>
    public async Task<bool> UpdateAsync(int id, AgreementEdit edit, uint version, string actorId, CancellationToken ct = default)
    {
        var agreement = await db.Agreements.Include(a => a.University).Include(a => a.Hospital)
            .Include(a => a.Signatories).ThenInclude(s => s.Institution).Include(a => a.Areas)
            .AsSplitQuery().SingleOrDefaultAsync(a => a.Id == id, ct);
        if (agreement is null)
            return false;
        if (agreement.Version != version)
            throw new DomainException(ChangedMeanwhile);
        var before = Snapshot(agreement);

        agreement.Edit(edit.Title, edit.SignedOn, edit.EffectiveFrom, edit.EffectiveTo);
        var institutions = new[] { agreement.University, agreement.Hospital };
        var signatories = edit.Signatories.Select(s => new AgreementSignatory(s.Name, s.Title,
            institutions.SingleOrDefault(i => i.Id == s.InstitutionId)
            ?? throw new DomainException("A signatory signs for the university or the hospital of this agreement."))).ToList();
        // Unchanged signatories keep their rows.
        if (SignatoriesText(signatories) != before["Signatories"])
            agreement.ReplaceSignatories(signatories);
        agreement.SetAreas(await AreasAsync(edit.AreaIds, edit.NewArea, ct));
        // Last, so that a draft can be signed, given its signatories and made active in one edit.
        if (edit.Status != agreement.Status)
            MoveTo(agreement, edit.Status);

        var changes = Fields(before, Snapshot(agreement));
        if (changes.Count == 0)
            return true;
        db.AuditEntries.Add(Audit(id, actorId, "agreement.edited", changes));
        // Written even when only signatories or areas changed, so that the row's xmin guards the whole edit.
        db.Entry(agreement).Property(a => a.Title).IsModified = true;
        db.Entry(agreement).Property(a => a.Version).OriginalValue = version;
        await db.SaveOrRefuseAsync(ChangedMeanwhile, ct);
        return true;
    }

    /// <summary>Keeps a new signed text (PDF only, by its bytes); earlier ones stay listed.</summary>
    /// <returns>false when there is no such agreement.</returns>
    public async Task<bool> UploadSignedAsync(int id, string fileName, byte[] bytes, string actorId, CancellationToken ct = default)
    {
        var agreement = await db.Agreements.SingleOrDefaultAsync(a => a.Id == id, ct);
        if (agreement is null)
            return false;
        if (FileSniffer.Detect(bytes) is not ("application/pdf", var extension))
            throw new DomainException("Upload the signed agreement as a PDF file; this file is not a PDF.");
        var previous = await db.Documents.Where(d => d.AgreementId == id && d.Kind == DocumentKind.SignedAgreement)
            .OrderByDescending(d => d.UploadedAt).Select(d => d.FileName).FirstOrDefaultAsync(ct);
        var document = new StoredDocument(DocumentKind.SignedAgreement, Path.ChangeExtension(Path.GetFileName(fileName), extension),
            "application/pdf", bytes, actorId, clock.Now);
        document.AttachTo(agreement);
        db.Documents.Add(document);
        db.AuditEntries.Add(Audit(id, actorId, "agreement.document", new()
        {
            ["SignedDocument"] = new FieldChange(previous, $"{document.FileName} (SHA-256 {document.Sha256[..12]})"),
        }));
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>The signed text as an attachment; the download is written to the audit trail.</summary>
    public Task<DocumentFile?> OpenDocumentAsync(int id, Guid documentId, string actorId, CancellationToken ct = default) =>
        db.OpenAuditedAsync(db.Documents.Where(d => d.Id == documentId && d.AgreementId == id), actorId, "document.downloaded", clock.Now, ct,
            new() { ["Agreement"] = new FieldChange(null, id.ToString()) });

    private void MoveTo(Agreement agreement, AgreementStatus status)
    {
        Action move = status switch
        {
            AgreementStatus.Active => agreement.Activate,
            AgreementStatus.Expired => () => agreement.Expire(clock.Today),
            AgreementStatus.Terminated => agreement.Terminate,
            _ => throw new DomainException(AgreementRules.Refusal(agreement.Status, status)),
        };
        move();
    }

    private async Task<List<CollaborationArea>> AreasAsync(IReadOnlyList<int> ids, string? newArea, CancellationToken ct)
    {
        var areas = await db.CollaborationAreas.Where(a => ids.Contains(a.Id)).ToListAsync(ct);
        if (areas.Count != ids.Distinct().Count())
            throw new DomainException("Choose collaboration areas from the list.");
        if (!string.IsNullOrWhiteSpace(newArea))
        {
            var name = newArea.Trim();
            var existing = await db.CollaborationAreas.SingleOrDefaultAsync(a => a.Name.ToLower() == name.ToLower(), ct);
            areas.Add(existing ?? new CollaborationArea(name));
        }
        return areas;
    }

    private AuditEntry Audit(int id, string actorId, string action, Dictionary<string, FieldChange> changes) =>
        new(clock.Now, actorId, action, nameof(Agreement), id.ToString(), changes);

    private static Dictionary<string, string?> Snapshot(Agreement a) => new()
    {
        ["Title"] = a.Title,
        ["University"] = a.University.Name,
        ["Hospital"] = a.Hospital.Name,
        ["SignedOn"] = a.SignedOn?.ToString("yyyy-MM-dd"),
        ["EffectiveFrom"] = a.EffectiveFrom.ToString("yyyy-MM-dd"),
        ["EffectiveTo"] = a.EffectiveTo.ToString("yyyy-MM-dd"),
        ["Status"] = a.Status.ToString(),
        ["Signatories"] = SignatoriesText(a.Signatories),
        ["Areas"] = a.Areas.Count == 0 ? null : string.Join(", ", a.Areas.Select(x => x.Name).Order(StringComparer.Ordinal)),
    };

    private static string? SignatoriesText(IReadOnlyCollection<AgreementSignatory> signatories) => signatories.Count == 0
        ? null
        : string.Join("; ", signatories.Select(s => s.ToString()).Order(StringComparer.Ordinal));

    // Exactly the fields whose value differs; a new record (no before) lists the fields it was given.
    internal static Dictionary<string, FieldChange> Fields(Dictionary<string, string?>? before, Dictionary<string, string?> after) =>
        after.Where(f => (before is null ? f.Value is not null : before[f.Key] != f.Value))
            .ToDictionary(f => f.Key, f => new FieldChange(before?[f.Key], f.Value));
}
