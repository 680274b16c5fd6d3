using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Auditing;
using ExchangePortal.Core.Data;
using ExchangePortal.Core.Notifications;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.Core.Privacy;

/// <summary>What an erasure removed (counts, for its audit entry) and the words that named the person (for the mail files).</summary>
public sealed record ErasureResult(IReadOnlyDictionary<string, int> Counts, IReadOnlyCollection<string> Identifiers);

/// <summary>
/// Erases one person inside the caller's transaction: their open applications are withdrawn (a running stay cancelled)
/// through the normal path, releasing seats; drafts go; the applications left keep their statuses, cohort, labs and
/// dates as anonymous statistics under a pseudonym, without plan, document bytes or file names; the profile keeps only
/// hospital, department, specialty and years of practice; emails to the person go, emails about them are redacted;
/// failed sign-ins go; the account (with its roles, logins and tokens) goes. The audit trail keeps its rows, which hold
/// ids only (docs/operations.md, "Erasure").
/// </summary>
public class PersonErasure(PortalDbContext db, ProgrammeClock clock, PublicLinks links, SeatDesk seats, MailPickup mail)
{
    public const string WithdrawnComment = "Withdrawn on the person's erasure request.";
    public const string CancelledComment = "Cancelled on the person's erasure request.";
    public const string ErasedFileName = "(erased)";

    /// <summary>Shorter words would match too much in other people's emails.</summary>
    private const int MinIdentifierLength = 2;

    public async Task<ErasureResult> EraseAsync(string userId, string pseudonym, string actorId, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Erase a person inside a transaction.");
        var counts = new Dictionary<string, int>();
        var person = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.Email, u.UserName, u.DisplayName, u.PhoneNumber }).SingleOrDefaultAsync(ct);
        var doctor = await db.Doctors.AsNoTracking().Where(d => d.UserId == userId)
            .Select(d => new { d.Id, d.FullName, d.ChineseName, d.Email, d.Phone, d.LicenceNumber }).SingleOrDefaultAsync(ct);
        var identifiers = new[] { person?.Email, person?.UserName, person?.DisplayName, person?.PhoneNumber,
                doctor?.FullName, doctor?.ChineseName, doctor?.Email, doctor?.Phone, doctor?.LicenceNumber }
            .Where(i => i is { Length: >= MinIdentifierLength }).Select(i => i!.Trim()).Distinct(StringComparer.OrdinalIgnoreCase)
            .OrderByDescending(i => i.Length).ToList();

        if (doctor is not null)
        {
            counts["ApplicationsClosed"] = await CloseOpenApplicationsAsync(doctor.Id, actorId, ct);
            db.ChangeTracker.Clear();
            var applications = db.Applications.Where(a => a.DoctorId == doctor.Id);
            counts["MessagesDeleted"] = await db.ApplicationMessages.Where(m => applications.Any(a => a.Id == m.ApplicationId)).ExecuteDeleteAsync(ct);
            counts["DraftsDeleted"] = await applications.Where(a => a.Status == ApplicationStatus.Draft).ExecuteDeleteAsync(ct);
            await applications.ExecuteUpdateAsync(s => s.SetProperty(a => a.Plan, ""), ct);
            var documents = db.Documents.Where(d => d.Application!.DoctorId == doctor.Id);
            counts["DocumentsErased"] = await db.DocumentContents.Where(c => documents.Any(d => d.Id == c.DocumentId)).ExecuteDeleteAsync(ct);
            await documents.ExecuteUpdateAsync(s => s.SetProperty(d => d.FileName, ErasedFileName), ct);
            var profile = await db.Doctors.SingleAsync(d => d.Id == doctor.Id, ct);
            profile.Erase(pseudonym, clock.Now);
            await db.SaveChangesAsync(ct);
        }
        await db.ApplicationHistory.Where(h => h.ActorId == userId).ExecuteUpdateAsync(s => s.SetProperty(h => h.ErasedActor, pseudonym), ct);
        await db.ApplicationMessages.Where(m => m.AuthorId == userId).ExecuteUpdateAsync(s => s.SetProperty(m => m.ErasedAuthor, pseudonym), ct);
        var addresses = new[] { person?.Email, doctor?.Email }.Where(a => !string.IsNullOrEmpty(a)).Select(a => a!.ToUpperInvariant()).ToList();
        counts["EmailsDeleted"] = await db.Notifications.Where(n => addresses.Contains(n.ToAddress.ToUpper())).ExecuteDeleteAsync(ct);
        counts["EmailsRedacted"] = 0;
        foreach (var identifier in identifiers)
        {
            counts["EmailsRedacted"] += await db.Notifications.Where(n => n.Subject.Contains(identifier) || n.Body.Contains(identifier))
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.Subject, n => n.Subject.Replace(identifier, pseudonym))
                    .SetProperty(n => n.Body, n => n.Body.Replace(identifier, pseudonym)), ct);
            await db.ApplicationHistory.Where(h => h.Comment!.Contains(identifier))
                .ExecuteUpdateAsync(s => s.SetProperty(h => h.Comment, h => h.Comment!.Replace(identifier, pseudonym)), ct);
        }
        counts["FailedSignInsDeleted"] = await DeleteFailedSignInsAsync(db, db.AuditEntries.Where(e => e.RecordId == userId), ct);
        // The database removes roles, logins, tokens and milestone follows with the account, and clears its other references.
        counts["AccountsDeleted"] = await db.Users.Where(u => u.Id == userId).ExecuteDeleteAsync(ct);
        return new ErasureResult(counts, identifiers);
    }

    /// <summary>Deletes the mail pickup files that name the person; after the commit, since files are not transactional.</summary>
    public int DeleteMailFiles(IReadOnlyCollection<string> identifiers) => mail.DeleteMentioning(identifiers);

    /// <summary>
    /// The one exception to the append-only audit trail: failed sign-ins may be deleted, by the retention purge and by an
    /// erasure only, which say so for their own transaction (the trigger checks the setting; docs/operations.md).
    /// </summary>
    internal static async Task<int> DeleteFailedSignInsAsync(PortalDbContext db, IQueryable<AuditEntry> entries, CancellationToken ct)
    {
        await db.Database.ExecuteSqlRawAsync("SET LOCAL portal.purge_failed_sign_ins = 'on'", ct);
        var deleted = await entries.Where(e => e.Action == AuditTrail.SignInFailed).ExecuteDeleteAsync(ct);
        await db.Database.ExecuteSqlRawAsync("SET LOCAL portal.purge_failed_sign_ins = 'off'", ct);
        return deleted;
    }

    // Each open application moves through its normal transition, under its seat's lock, so the seat goes to the waitlist.
    private async Task<int> CloseOpenApplicationsAsync(int doctorId, string actorId, CancellationToken ct)
    {
        var withdrawable = ApplicationRules.From(ApplicationAction.Withdraw).Where(s => s != ApplicationStatus.Draft).ToList();
        var open = await db.Applications.AsNoTracking()
            .Where(a => a.DoctorId == doctorId && (withdrawable.Contains(a.Status) || a.Status == ApplicationStatus.InProgress))
            .Select(a => new { a.Id, a.Version, a.Status, LabId = a.Placement != null && a.Placement.ReleasedAt == null ? (int?)a.Placement.CohortLabId : null })
            .ToListAsync(ct);
        foreach (var application in open)
        {
            var lab = application.LabId is { } labId ? await seats.LockAsync(labId, ct) : null;
            await ApplicationChanges.ApplyAsync(db, db.Applications.Where(a => a.DoctorId == doctorId), application.Id, application.Version,
                deciderId: null, async a =>
                {
                    if (a.Status == ApplicationStatus.InProgress)
                        a.Cancel(CancelledComment, actorId, clock.Now);
                    else
                        a.Withdraw(actorId, clock.Now, WithdrawnComment);
                    if (lab is not null)
                        await seats.OfferToWaitlistAsync(lab, clock.Now, ct);
                }, clock, links, ct);
        }
        return open.Count;
    }
}
