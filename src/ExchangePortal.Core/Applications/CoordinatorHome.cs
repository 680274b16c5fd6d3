using ExchangePortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.Core.Applications;

public sealed record ReviewQueueRow(int Id, string Doctor, string Hospital, string Specialty, string Cohort,
    ApplicationStatus Status, DateTimeOffset? SubmittedAt, string? FirstChoice);

public sealed record ReviewQueue(IReadOnlyList<ReviewQueueRow> Rows, IReadOnlyDictionary<ApplicationStatus, int> CountsByStatus);

/// <summary>The university coordinator's queue: applications waiting for the university.</summary>
public class CoordinatorHome(PortalDbContext db)
{
    public const int PageSize = 50;

    public async Task<ReviewQueue> GetQueueAsync(CancellationToken ct = default)
    {
        var awaiting = db.Applications.AsNoTracking().Where(a =>
            (a.Status == ApplicationStatus.Submitted && !a.EndorsementRequired)
            || a.Status == ApplicationStatus.Endorsed
            || a.Status == ApplicationStatus.UnderReview);
        var rows = await awaiting
            .OrderBy(a => a.SubmittedAt).ThenBy(a => a.Id)
            .Take(PageSize)
            .Select(a => new ReviewQueueRow(a.Id, a.Doctor.FullName, a.Doctor.Hospital.ShortName, a.Doctor.Specialty,
                a.Cohort.Name, a.Status, a.SubmittedAt,
                a.LabChoices.OrderBy(c => c.Rank).Select(c => c.CohortLab.HostLab.Name).FirstOrDefault()))
            .ToListAsync(ct);
        var counts = await db.Applications.AsNoTracking()
            .GroupBy(a => a.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Status, g => g.Count, ct);
        return new ReviewQueue(rows, counts);
    }
}
