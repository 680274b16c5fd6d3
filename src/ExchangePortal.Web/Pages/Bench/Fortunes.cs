using ExchangePortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.Web.Pages.Bench;

public sealed record Fortune(int Id, string Message);

/// <summary>
/// The TechEmpower Fortunes work: read every fortune, add one at request time, sort by message. The table belongs to the
/// benchmark tool (tools/ExchangePortal.Tools creates it when it seeds), not to the portal's model.
/// </summary>
public sealed class Fortunes(PortalDbContext db)
{
    public const string AddedAtRequestTime = "Additional fortune added at request time.";

    public async Task<List<Fortune>> ListAsync(CancellationToken ct = default)
    {
        var fortunes = await db.Database.SqlQueryRaw<Fortune>("""SELECT "Id", "Message" FROM "Fortunes" """).ToListAsync(ct);
        fortunes.Add(new Fortune(0, AddedAtRequestTime));
        fortunes.Sort((a, b) => string.CompareOrdinal(a.Message, b.Message));
        return fortunes;
    }
}
