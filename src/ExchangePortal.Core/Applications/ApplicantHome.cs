using ExchangePortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.Core.Applications;

public sealed record MyApplicationRow(int Id, string Cohort, ApplicationStatus Status, bool EndorsementRequired,
    DateTimeOffset? SubmittedAt, DateTimeOffset UpdatedAt, DateTimeOffset? OfferRespondBy, string? FirstChoice)
{
    public (WaitingFor Who, string What) Next => NextStep.For(Status, EndorsementRequired);
}

public sealed record ApplicantOverview(string FullName, string Hospital, IReadOnlyList<MyApplicationRow> Applications);

/// <summary>The applicant's own applications; nobody else's are ever in the query.</summary>
public class ApplicantHome(PortalDbContext db)
{
    private sealed record Applicant(string FullName, string Hospital);

    // The applicant's home page is the most visited signed-in page: its two queries are compiled once.
    private static readonly Func<PortalDbContext, string, CancellationToken, Task<Applicant?>> ApplicantOf =
        EF.CompileAsyncQuery((PortalDbContext db, string userId, CancellationToken ct) => db.Doctors.AsNoTracking()
            .Where(d => d.UserId == userId)
            .Select(d => new Applicant(d.FullName, d.Hospital.Name))
            .SingleOrDefault());

    private static readonly Func<PortalDbContext, string, IAsyncEnumerable<MyApplicationRow>> ApplicationsOf =
        EF.CompileAsyncQuery((PortalDbContext db, string userId) => db.Applications.AsNoTracking()
            .Where(a => a.Doctor.UserId == userId)
            .OrderByDescending(a => a.CreatedAt)
            .Select(a => new MyApplicationRow(a.Id, a.Cohort.Name, a.Status, a.EndorsementRequired, a.SubmittedAt, a.UpdatedAt,
                a.OfferRespondBy, a.LabChoices.OrderBy(c => c.Rank).Select(c => c.CohortLab.HostLab.Name).FirstOrDefault())));

    public async Task<ApplicantOverview?> GetAsync(string userId, CancellationToken ct = default)
    {
        var applicant = await ApplicantOf(db, userId, ct);
        if (applicant is null)
            return null;
        var rows = await ApplicationsOf(db, userId).ToListAsync(ct);
        return new ApplicantOverview(applicant.FullName, applicant.Hospital, rows);
    }
}
