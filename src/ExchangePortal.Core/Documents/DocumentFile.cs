using System.Globalization;
using ExchangePortal.Core.Auditing;
using ExchangePortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.Core.Documents;

public sealed record DocumentFile(byte[] Bytes, string ContentType, string FileName);

internal static class DocumentFiles
{
    /// <summary>
    /// The single document <paramref name="allowed"/> lets this reader have (null when none), with the reading written to
    /// the audit trail as <paramref name="action"/> by <paramref name="actorId"/>. The entry keeps the application's id and
    /// the person's (the applicant's account), so it still leads to them after the document is replaced.
    /// </summary>
    public static async Task<DocumentFile?> OpenAuditedAsync(this PortalDbContext db, IQueryable<StoredDocument> allowed,
        string actorId, string action, DateTimeOffset now, CancellationToken ct, Dictionary<string, FieldChange>? changes = null)
    {
        // A document whose bytes the retention schedule or an erasure removed is not there any more.
        var found = await allowed.AsNoTracking().Where(d => d.Content != null)
            .Select(d => new
            {
                File = new DocumentFile(d.Content.Bytes, d.ContentType, d.FileName),
                d.Id,
                d.Kind,
                d.ApplicationId,
                Person = d.Application == null ? null : d.Application.Doctor.UserId,
            })
            .SingleOrDefaultAsync(ct);
        if (found is null)
            return null;
        changes ??= [];
        changes["Kind"] = new(null, found.Kind.ToString());
        if (found.ApplicationId is { } applicationId)
            changes["Application"] = new(null, applicationId.ToString(CultureInfo.InvariantCulture));
        if (found.Person is { } person)
            changes["Person"] = new(null, person);
        await db.AppendAsync(new AuditEntry(now, actorId, action, nameof(StoredDocument), found.Id.ToString(), changes,
            found.Person is null ? null : [found.Person]), ct);
        return found.File;
    }
}
