using System.Globalization;
using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Auditing;
using ExchangePortal.Core.Data;
using ExchangePortal.Core.Notifications;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.Core.Privacy;

/// <summary>How long each kind of data is kept before the daily purge removes it (docs/operations.md, "Retention").</summary>
public sealed record RetentionPeriods(int DraftMonths = 12, int ClosedApplicationDocumentMonths = 24, int SentEmailBodyDays = 90,
    int FailedSignInMonths = 12);

/// <summary>
/// The retention schedule: drafts untouched for <see cref="RetentionPeriods.DraftMonths"/> go with their documents; the
/// document bytes of rejected, withdrawn and declined applications go after their last change is
/// <see cref="RetentionPeriods.ClosedApplicationDocumentMonths"/> old; sent emails lose their bodies (and the pickup folder
/// its files) after <see cref="RetentionPeriods.SentEmailBodyDays"/>; failed sign-ins go after
/// <see cref="RetentionPeriods.FailedSignInMonths"/>. Once a day, whichever instance comes first: a key in SentReminders
/// taken in the same transaction makes every other run that day do nothing; each run writes one audit entry with its counts.
/// </summary>
public class RetentionPurge(PortalDbContext db, ProgrammeClock clock, MailPickup mail)
{
    public const string AuditAction = "retention.purged";
    public static readonly ApplicationStatus[] ClosedStatuses = [ApplicationStatus.Rejected, ApplicationStatus.Withdrawn, ApplicationStatus.Declined];

    /// <summary>Purges once per programme day; returns the counts, or null when this day's purge has already run.</summary>
    public async Task<IReadOnlyDictionary<string, int>?> RunDailyAsync(RetentionPeriods periods, CancellationToken ct = default)
    {
        var now = clock.Now;
        var day = clock.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // A second instance waits here on the first one's key and then finds it taken.
        var taken = await db.Database.ExecuteSqlAsync(
            $"""INSERT INTO "SentReminders" ("Key", "QueuedAt") VALUES ({"retention:" + day}, {now}) ON CONFLICT ("Key") DO NOTHING""", ct);
        if (taken == 0)
            return null;

        var counts = new Dictionary<string, int>();
        var draftCutoff = now.AddMonths(-periods.DraftMonths);
        counts["DraftsDeleted"] = await db.Applications
            .Where(a => a.Status == ApplicationStatus.Draft && a.UpdatedAt < draftCutoff
                && !db.Documents.Any(d => d.ApplicationId == a.Id && d.UploadedAt >= draftCutoff))
            .ExecuteDeleteAsync(ct);
        var closedCutoff = now.AddMonths(-periods.ClosedApplicationDocumentMonths);
        counts["DocumentBytesDeleted"] = await db.DocumentContents
            .Where(c => db.Documents.Any(d => d.Id == c.DocumentId && ClosedStatuses.Contains(d.Application!.Status) && d.Application.UpdatedAt < closedCutoff))
            .ExecuteDeleteAsync(ct);
        var emailCutoff = now.AddDays(-periods.SentEmailBodyDays);
        counts["EmailBodiesCleared"] = await db.Notifications.Where(n => n.SentAt < emailCutoff && n.Body != "")
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.Body, ""), ct);
        counts["FailedSignInsDeleted"] = await PersonErasure.DeleteFailedSignInsAsync(db,
            db.AuditEntries.Where(e => e.At < now.AddMonths(-periods.FailedSignInMonths)), ct);
        counts["MailFilesDeleted"] = mail.DeleteOlderThan(emailCutoff);
        db.AuditEntries.Add(new AuditEntry(now, null, AuditAction, "Retention", day,
            counts.ToDictionary(c => c.Key, c => new FieldChange(null, c.Value.ToString(CultureInfo.InvariantCulture)))));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return counts;
    }
}
