using ExchangePortal.Core.Auditing;
using ExchangePortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.Core.Documents;

public sealed record DocumentFile(byte[] Bytes, string ContentType, string FileName);

internal static class DocumentFiles
{
    /// <summary>
    /// The single document <paramref name="allowed"/> lets this reader have (null when none), with the reading written to
    /// the audit trail as <paramref name="audit"/>.
    /// </summary>
    public static async Task<DocumentFile?> OpenAuditedAsync(this PortalDbContext db, IQueryable<StoredDocument> allowed,
        AuditEntry audit, CancellationToken ct)
    {
        // A document whose bytes the retention schedule or an erasure removed is not there any more.
        var file = await allowed.AsNoTracking().Where(d => d.Content != null)
            .Select(d => new DocumentFile(d.Content.Bytes, d.ContentType, d.FileName))
            .SingleOrDefaultAsync(ct);
        if (file is null)
            return null;
        db.AuditEntries.Add(audit);
        await db.SaveChangesAsync(ct);
        return file;
    }
}
