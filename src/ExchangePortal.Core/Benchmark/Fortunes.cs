using ExchangePortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.Core.Benchmark;

/// <summary>The TechEmpower Fortunes work: read every fortune (compiled, no tracking), add one at request time, sort by message.</summary>
public class Fortunes(PortalDbContext db)
{
    public const string AddedAtRequestTime = "Additional fortune added at request time.";

    private static readonly Func<PortalDbContext, IAsyncEnumerable<Fortune>> All =
        EF.CompileAsyncQuery((PortalDbContext context) => context.Fortunes.AsNoTracking());

    public async Task<List<Fortune>> ListAsync(CancellationToken ct = default)
    {
        var fortunes = new List<Fortune>(16);
        await foreach (var fortune in All(db).WithCancellation(ct))
            fortunes.Add(fortune);
        fortunes.Add(new Fortune(0, AddedAtRequestTime));
        fortunes.Sort((a, b) => string.CompareOrdinal(a.Message, b.Message));
        return fortunes;
    }
}
