using ExchangePortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.Core.Auditing;

/// <summary>One row an export is about to take out: its id, and the account whose personal data it carries.</summary>
internal sealed record ExportedRow(int Id, string? PersonId);

internal static class ExportAudits
{
    /// <summary>
    /// Writes, before the file is sent, one audit entry naming every row the export holds (ids, never copies) and the
    /// people they concern, so that each person's "who has seen my data" lists the export.
    /// </summary>
    public static async Task RecordExportAsync(this PortalDbContext db, IQueryable<ExportedRow> rows, string actorId, string what,
        string format, DateTimeOffset now, CancellationToken ct)
    {
        var exported = await rows.AsNoTracking().ToListAsync(ct);
        await db.AppendAsync(new AuditEntry(now, actorId, "export." + what, "Export", what, new()
        {
            ["Format"] = new(null, format),
            ["Rows"] = new(null, string.Join(",", exported.Select(r => r.Id))),
        }, exported.Where(r => r.PersonId is not null).Select(r => r.PersonId!)), ct);
    }
}
