using ExchangePortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.Core.Applications;

public sealed record EndorsementQueueRow(int Id, string Doctor, string Department, string Specialty, string Cohort, DateTimeOffset? SubmittedAt);

public sealed record HospitalOverview(string Hospital, IReadOnlyList<EndorsementQueueRow> AwaitingEndorsement,
    IReadOnlyDictionary<ApplicationStatus, int> StaffApplicationsByStatus);

/// <summary>A hospital coordinator's view: only the staff of their own hospital.</summary>
public class HospitalHome(PortalDbContext db)
{
    public async Task<HospitalOverview?> GetAsync(string userId, CancellationToken ct = default)
    {
        var hospital = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId && u.HospitalId != null)
            .Select(u => new { Id = u.HospitalId!.Value, u.Hospital!.Name })
            .SingleOrDefaultAsync(ct);
        if (hospital is null)
            return null;
        var staffApplications = db.Applications.AsNoTracking().Where(a => a.Doctor.HospitalId == hospital.Id);
        var queue = await staffApplications
            .Where(a => a.Status == ApplicationStatus.Submitted && a.EndorsementRequired)
            .OrderBy(a => a.SubmittedAt).ThenBy(a => a.Id)
            .Select(a => new EndorsementQueueRow(a.Id, a.Doctor.FullName, a.Doctor.Department, a.Doctor.Specialty, a.Cohort.Name, a.SubmittedAt))
            .ToListAsync(ct);
        var byStatus = await staffApplications
            .GroupBy(a => a.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Status, g => g.Count, ct);
        return new HospitalOverview(hospital.Name, queue, byStatus);
    }
}
