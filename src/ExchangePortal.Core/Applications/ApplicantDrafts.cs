using ExchangePortal.Core.Auditing;
using ExchangePortal.Core.Clearance;
using ExchangePortal.Core.Cohorts;
using ExchangePortal.Core.Data;
using ExchangePortal.Core.Data.Configurations;
using ExchangePortal.Core.Documents;
using ExchangePortal.Core.Notifications;
using ExchangePortal.Core.Privacy;
using ExchangePortal.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.Core.Applications;

public sealed record LabOption(int CohortLabId, string Name, string Department, int Seats, int SeatsTaken);

public sealed record ApplyForm(int CohortId, string Cohort, DateOnly ApplicationClosesOn, DateOnly StartsOn, DateOnly EndsOn,
    bool WindowOpen, List<LabOption> Labs, int? ApplicationId, ApplicationStatus? Status, string Plan,
    DateOnly? IntendedStartOn, DateOnly? IntendedEndOn, List<int> ChosenLabs);

public sealed record Upload(DocumentKind Kind, string FileName, byte[] Bytes, DateOnly? ExpiresOn, PermitEndorsement? Endorsement = null);

/// <summary>An applicant writes a draft, attaches documents and submits; everything scoped to the signed-in doctor.</summary>
public class ApplicantDrafts(PortalDbContext db, ProgrammeClock clock, PublicLinks links)
{
    public async Task<ApplyForm?> GetFormAsync(int cohortId, string userId, CancellationToken ct = default)
    {
        var today = clock.Today;
        var form = await db.Cohorts.AsNoTracking().AsSplitQuery()
            .Where(c => c.Id == cohortId && c.Status != CohortStatus.Planning && c.Status != CohortStatus.Cancelled)
            .Select(c => new ApplyForm(c.Id, c.Name, c.ApplicationClosesOn, c.StartsOn, c.EndsOn,
                c.Status == CohortStatus.Open && c.ApplicationOpensOn <= today && today <= c.ApplicationClosesOn,
                c.Labs.Where(l => l.HostLab.IsActive).OrderBy(l => l.HostLab.Name)
                    .Select(l => new LabOption(l.Id, l.HostLab.Name, l.HostLab.Department, l.Seats, l.SeatsTaken)).ToList(),
                null, null, "", null, null, new List<int>()))
            .SingleOrDefaultAsync(ct);
        if (form is null)
            return null;
        var mine = await db.Applications.AsNoTracking()
            .Where(a => a.CohortId == cohortId && a.Doctor.UserId == userId)
            .Select(a => new
            {
                a.Id,
                a.Status,
                a.Plan,
                a.IntendedStartOn,
                a.IntendedEndOn,
                Labs = a.LabChoices.OrderBy(c => c.Rank).Select(c => c.CohortLabId).ToList()
            })
            .SingleOrDefaultAsync(ct);
        return mine is null ? form : form with
        {
            ApplicationId = mine.Id,
            Status = mine.Status,
            Plan = mine.Plan,
            IntendedStartOn = mine.IntendedStartOn,
            IntendedEndOn = mine.IntendedEndOn,
            ChosenLabs = mine.Labs,
        };
    }

    /// <summary>Starts or continues the doctor's draft for the cohort; returns its id, or null when there is no such cohort.</summary>
    public async Task<int?> SaveDraftAsync(int cohortId, string userId, string plan, DateOnly? startOn, DateOnly? endOn,
        IReadOnlyList<int> rankedCohortLabIds, CancellationToken ct = default)
    {
        var doctor = await db.Doctors.Include(d => d.User).SingleOrDefaultAsync(d => d.UserId == userId, ct)
            ?? throw new DomainException("Complete your profile before applying.");
        var cohort = await db.Cohorts.Include(c => c.Labs).ThenInclude(l => l.HostLab).SingleOrDefaultAsync(c => c.Id == cohortId, ct);
        if (cohort is null)
            return null;
        var application = await db.Applications.Include(a => a.LabChoices).Include(a => a.History)
            .SingleOrDefaultAsync(a => a.CohortId == cohortId && a.DoctorId == doctor.Id, ct);
        if (application is null)
        {
            if (!cohort.IsWindowOpen(clock.Today))
                throw new DomainException("This cohort is not open for applications.");
            application = new ExchangeApplication(cohort, doctor, userId, clock.Now);
            db.Applications.Add(application);
        }
        var labs = rankedCohortLabIds.Select(id => cohort.Labs.SingleOrDefault(l => l.Id == id && l.HostLab.IsActive)
            ?? throw new DomainException("Choose labs from the list of this cohort's labs.")).ToList();
        application.EditPlan(plan.Trim(), startOn, endOn, clock.Now);
        application.ChooseLabs(labs, clock.Now);
        await db.SaveChangesAsync(ct);
        return application.Id;
    }

    /// <summary>Submits the draft when nothing is missing; otherwise refuses with every missing item, changing nothing.</summary>
    /// <returns>false when the application is not the doctor's.</returns>
    public async Task<bool> SubmitAsync(int id, uint version, string userId, CancellationToken ct = default)
    {
        var application = await db.Applications
            .Include(a => a.Doctor).ThenInclude(d => d.User).Include(a => a.Cohort).Include(a => a.LabChoices).Include(a => a.History)
            .AsSplitQuery()
            .SingleOrDefaultAsync(a => a.Id == id && a.Doctor.UserId == userId, ct);
        if (application is null)
            return false;
        if (application.Version != version)
            throw new DomainException(ApplicationChanges.ChangedMeanwhile);
        await db.RequireConsentAsync(userId, ct);
        var documents = await db.Documents.Where(d => d.ApplicationId == id).Select(d => new { d.Kind, d.ExpiresOn }).ToListAsync(ct);
        var missing = SubmissionRules.Missing(application.Doctor.MissingProfileFields(), documents.Select(d => (d.Kind, d.ExpiresOn)).ToList(),
            application.LabChoices.Count, application.Plan, application.Cohort.IsWindowOpen(clock.Today), application.Cohort.EndsOn,
            application.Doctor.User.EmailConfirmed);
        if (missing.Count > 0)
            throw new DomainException(string.Join("\n", missing));
        application.Submit(userId, clock.Now);
        db.Notifications.Add(ApplicationEmails.StatusChanged(application, clock, links));
        if (application.EndorsementRequired)
        {
            var coordinatorRole = RoleConfiguration.RoleId(Roles.HospitalCoordinator);
            var coordinators = await db.Users
                .Where(u => u.HospitalId == application.Doctor.HospitalId && db.UserRoles.Any(r => r.UserId == u.Id && r.RoleId == coordinatorRole))
                .Select(u => new { Email = u.Email!, u.PreferredCulture }).ToListAsync(ct);
            foreach (var coordinator in coordinators)
                db.Notifications.Add(ApplicationEmails.AwaitingEndorsement(coordinator.Email, coordinator.PreferredCulture, application, links, clock.Now));
        }
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <returns>false when the application is not the doctor's.</returns>
    public async Task<bool> UploadAsync(int applicationId, string userId, Upload upload, CancellationToken ct = default)
    {
        await db.RequireConsentAsync(userId, ct);
        var application = await EditableAsync(applicationId, userId, upload.Kind, ct);
        if (application is null)
            return false;
        var detected = FileSniffer.Detect(upload.Bytes)
            ?? throw new DomainException("Upload a PDF, PNG or JPEG file; this file is none of them.");
        var preArrival = ApplicationRules.Allows(ApplicationAction.RenewDocuments, application.Status);
        // Before arrival every paper counts only with its expiry date; while drafting, insurance may come without one.
        if (SubmissionRules.WithExpiry.Contains(upload.Kind) && (preArrival || upload.Kind != DocumentKind.Insurance) && upload.ExpiresOn is null)
            throw new DomainException($"Give the expiry date of your {upload.Kind.InSentence()}.");
        if (upload.ExpiresOn is { } expires && expires <= clock.Today)
            throw new DomainException("This document has already expired.");
        // After the offer a verified paper stays until its new version is verified; an unverified one is simply replaced.
        var previous = await db.Documents.Where(d => d.ApplicationId == applicationId && d.Kind == upload.Kind
            && !(preArrival && d.Verification == DocumentVerification.Verified)).ToListAsync(ct);
        db.Documents.RemoveRange(previous);
        var document = new StoredDocument(upload.Kind, Path.ChangeExtension(Path.GetFileName(upload.FileName), detected.Extension),
            detected.ContentType, upload.Bytes, userId, clock.Now, upload.ExpiresOn);
        document.SetEndorsement(upload.Endorsement);
        document.AttachTo(application);
        db.Documents.Add(document);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <returns>false when the document is not one of the doctor's application's.</returns>
    public async Task<bool> DeleteDocumentAsync(int applicationId, Guid documentId, string userId, CancellationToken ct = default)
    {
        var document = await db.Documents
            .SingleOrDefaultAsync(d => d.Id == documentId && d.ApplicationId == applicationId && d.Application!.Doctor.UserId == userId, ct);
        if (document is null || await EditableAsync(applicationId, userId, document.Kind, ct) is not { } application)
            return false;
        if (document.Verification == DocumentVerification.Verified && ApplicationRules.Allows(ApplicationAction.RenewDocuments, application.Status))
            throw new DomainException("A verified document stays until its new version is verified; upload the new version instead.");
        db.Documents.Remove(document);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>The owner's own document, as an attachment; the download is written to the audit trail.</summary>
    public Task<DocumentFile?> OpenDocumentAsync(int applicationId, Guid documentId, string userId, CancellationToken ct = default) =>
        db.OpenAuditedAsync(db.Documents.Where(d => d.Id == documentId && d.ApplicationId == applicationId && d.Application!.Doctor.UserId == userId),
            userId, "document.downloaded", clock.Now, ct);

    // Application documents change while the application is being written; the end-of-stay report during the stay.
    private async Task<ExchangeApplication?> EditableAsync(int applicationId, string userId, DocumentKind kind, CancellationToken ct)
    {
        var application = await db.Applications.SingleOrDefaultAsync(a => a.Id == applicationId && a.Doctor.UserId == userId, ct);
        if (application is null)
            return null;
        if (kind == DocumentKind.EndOfStayReport)
        {
            if (!ApplicationRules.Allows(ApplicationAction.FileReport, application.Status))
                throw new DomainException("The end-of-stay report is filed during the stay.");
        }
        else if (ApplicationRules.Allows(ApplicationAction.RenewDocuments, application.Status))
        {
            if (!ClearanceRules.PreArrivalKinds.Contains(kind))
                throw new DomainException("After the offer, upload your pre-arrival documents: passport or travel permit, insurance, Exit-Entry Permit, visa or entry permit, practising licence.");
        }
        else if (!ApplicationRules.Allows(ApplicationAction.ChangeDocuments, application.Status))
            throw new DomainException("Documents can be changed only while the application is a draft or changes are requested.");
        return application;
    }
}
