using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Auditing;
using ExchangePortal.Core.Data;
using ExchangePortal.Core.Documents;
using ExchangePortal.Core.Notifications;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.Core.Clearance;

public sealed record CheckRow(Guid Id, DocumentKind Kind, string FileName, long SizeBytes, DateOnly? ExpiresOn, PermitEndorsement? Endorsement,
    DateTimeOffset UploadedAt, DocumentVerification Verification, string? ReturnReason, uint Version);

public sealed record DocumentChecklist(int ApplicationId, string Doctor, int CohortId, string Cohort, ApplicationStatus Status,
    DateOnly? StayStartsOn, DateOnly? StayEndsOn, string ApplicantUserId, List<DocumentKind> Required, List<CheckRow> Documents)
{
    public bool CanVerify => ApplicationRules.Allows(ApplicationAction.VerifyDocuments, Status);

    public IReadOnlyList<ClearanceItemState> Items => StayEndsOn is { } endsOn
        ? ClearanceRules.StatesOf(Required, Documents.Select(d => new ClearanceDocument(d.Id, d.Kind, d.Verification, d.ExpiresOn, d.UploadedAt, d.ReturnReason)).ToList(), endsOn)
        : [];
}

/// <summary>University coordinators verify each pre-arrival document or return it with a reason; each check is version-checked,
/// written to the application's history and the audit trail, and a return is emailed to the applicant in their language.</summary>
public class CoordinatorDocuments(PortalDbContext db, ProgrammeClock clock, PublicLinks links)
{
    public const string ChangedMeanwhile = "This document changed while you were looking at it. Reload the page, then try again.";

    public Task<DocumentChecklist?> GetAsync(int applicationId, CancellationToken ct = default) =>
        db.Applications.AsNoTracking().AsSplitQuery()
            .Where(a => a.Id == applicationId && a.Status != ApplicationStatus.Draft)
            .Select(a => new DocumentChecklist(a.Id, a.Doctor.FullName, a.CohortId, a.Cohort.Name, a.Status,
                a.Placement == null ? null : a.Placement.StartsOn, a.Placement == null ? null : a.Placement.EndsOn, a.Doctor.UserId,
                a.Cohort.ClearanceItems.Select(i => i.Kind).ToList(),
                db.Documents.Where(d => d.ApplicationId == a.Id).OrderBy(d => d.Kind).ThenByDescending(d => d.UploadedAt)
                    .Select(d => new CheckRow(d.Id, d.Kind, d.FileName, d.SizeBytes, d.ExpiresOn, d.Endorsement, d.UploadedAt, d.Verification,
                        d.ReturnReason, d.Version))
                    .ToList()))
            .SingleOrDefaultAsync(ct);

    /// <summary>Marks the document verified; the older versions of the same kind it replaces are removed with it.</summary>
    /// <returns>false when there is no such document on the application.</returns>
    public Task<bool> VerifyAsync(int applicationId, Guid documentId, uint version, string actorId, CancellationToken ct = default) =>
        CheckAsync(applicationId, documentId, version, actorId, async (application, document) =>
        {
            document.Verify(actorId, clock.Now);
            application.RecordDocumentCheck($"{document.Kind.Describe()} verified.", actorId, clock.Now);
            db.Documents.RemoveRange(await db.Documents
                .Where(d => d.ApplicationId == applicationId && d.Kind == document.Kind && d.Id != document.Id && d.UploadedAt <= document.UploadedAt)
                .ToListAsync(ct));
        }, ct);

    /// <summary>Returns the document to the applicant with the reason, by email and on their to-do list.</summary>
    public Task<bool> ReturnAsync(int applicationId, Guid documentId, uint version, string reason, string actorId, CancellationToken ct = default) =>
        CheckAsync(applicationId, documentId, version, actorId, (application, document) =>
        {
            document.Return(reason, actorId, clock.Now);
            application.RecordDocumentCheck($"{document.Kind.Describe()} returned: {document.ReturnReason}", actorId, clock.Now);
            db.Notifications.Add(ClearanceEmails.Returned(application, document, links, clock.Now));
            return Task.CompletedTask;
        }, ct);

    private async Task<bool> CheckAsync(int applicationId, Guid documentId, uint version, string actorId,
        Func<ExchangeApplication, StoredDocument, Task> check, CancellationToken ct)
    {
        // Only the pre-arrival papers are checked; the application's own papers were judged with the application.
        var document = await db.Documents.SingleOrDefaultAsync(d => d.Id == documentId && d.ApplicationId == applicationId
            && d.Application!.Status != ApplicationStatus.Draft && ClearanceRules.PreArrivalKinds.Contains(d.Kind), ct);
        if (document is null)
            return false;
        var application = await db.Applications.Include(a => a.Doctor).ThenInclude(d => d.User).Include(a => a.Cohort).Include(a => a.History)
            .AsSplitQuery().SingleAsync(a => a.Id == applicationId, ct);
        if (document.Version != version)
            throw new DomainException(ChangedMeanwhile);
        if (application.Doctor.UserId == actorId)
            throw new DomainException("You cannot decide on your own application; ask another coordinator.");
        var before = document.Verification;
        await check(application, document);
        db.AuditEntries.Add(new AuditEntry(clock.Now, actorId, $"document.{document.Verification.ToString().ToLowerInvariant()}", nameof(StoredDocument),
            document.Id.ToString(), new()
            {
                [nameof(StoredDocument.Verification)] = new FieldChange(before.ToString(), document.Verification.ToString()),
                ["Application"] = new FieldChange(null, applicationId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ["Kind"] = new FieldChange(null, document.Kind.ToString()),
                [nameof(StoredDocument.ReturnReason)] = new FieldChange(null, document.ReturnReason),
            }, [application.Doctor.UserId]));
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
}
