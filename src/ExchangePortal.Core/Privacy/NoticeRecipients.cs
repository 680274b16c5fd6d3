using ExchangePortal.Core.Data;
using ExchangePortal.Core.Institutions;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.Core.Privacy;

/// <summary>The institutions the privacy notice names as receiving the data, by name, as they are in the database.</summary>
public sealed record NoticeFacts(IReadOnlyList<string> Universities, IReadOnlyList<string> Hospitals);

/// <remarks>The same for everyone and read on a public page: kept until the next saved change (<see cref="SharedReads"/>).</remarks>
public class NoticeRecipients(PortalDbContext db, SharedReads shared)
{
    public Task<NoticeFacts> ListAsync(CancellationToken ct = default) =>
        shared.GetAsync("notice-recipients", async () =>
        {
            var all = await db.Institutions.AsNoTracking().Where(i => i.IsActive).OrderBy(i => i.Name)
                .Select(i => new { i.Kind, i.Name, i.City }).ToListAsync(ct);
            return new NoticeFacts(
                all.Where(i => i.Kind == InstitutionKind.University).Select(i => $"{i.Name} ({i.City})").ToList(),
                all.Where(i => i.Kind == InstitutionKind.Hospital).Select(i => $"{i.Name} ({i.City})").ToList());
        });
}
