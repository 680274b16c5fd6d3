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
    public async Task<ApplicantOverview?> GetAsync(string userId, CancellationToken ct = default)
    {
        var doctor = await db.Doctors.AsNoTracking()
            .Where(d => d.UserId == userId)
            .Select(d => new { d.FullName, Hospital = d.Hospital.Name })
            .SingleOrDefaultAsync(ct);
        if (doctor is null)
            return null;
        var rows = await db.Applications.AsNoTracking()
            .Where(a => a.Doctor.UserId == userId)
            .OrderByDescending(a => a.CreatedAt)
            .Select(a => new MyApplicationRow(a.Id, a.Cohort.Name, a.Status, a.EndorsementRequired, a.SubmittedAt, a.UpdatedAt,
                a.OfferRespondBy, a.LabChoices.OrderBy(c => c.Rank).Select(c => c.CohortLab.HostLab.Name).FirstOrDefault()))
            .ToListAsync(ct);
        return new ApplicantOverview(doctor.FullName, doctor.Hospital, rows);
    }
}
