using ExchangePortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.Core.Doctors;

public sealed record ProfileDraft(string FullName, string? ChineseName, string Title, string Department, string Specialty,
    int YearsOfPractice, string LicenceNumber, string Phone, string Languages, string Bio);

public sealed record ProfileView(ProfileDraft Draft, string Email, string Hospital, IReadOnlyList<string> Missing);

/// <summary>The signed-in applicant's own visiting-doctor profile.</summary>
public class ApplicantProfiles(PortalDbContext db)
{
    public async Task<ProfileView?> GetAsync(string userId, CancellationToken ct = default)
    {
        var doctor = await db.Doctors.AsNoTracking().Include(d => d.Hospital).SingleOrDefaultAsync(d => d.UserId == userId, ct);
        return doctor is null ? null : new ProfileView(
            new ProfileDraft(doctor.FullName, doctor.ChineseName, doctor.Title, doctor.Department, doctor.Specialty,
                doctor.YearsOfPractice, doctor.LicenceNumber, doctor.Phone, doctor.Languages, doctor.Bio),
            doctor.Email, doctor.Hospital.Name, doctor.MissingProfileFields());
    }

    /// <returns>false when the user has no profile (not an applicant).</returns>
    public async Task<bool> SaveAsync(string userId, ProfileDraft draft, CancellationToken ct = default)
    {
        var doctor = await db.Doctors.SingleOrDefaultAsync(d => d.UserId == userId, ct);
        if (doctor is null)
            return false;
        doctor.UpdateProfile(draft.FullName.Trim(), draft.ChineseName?.Trim(), draft.Title.Trim(), draft.Department.Trim(),
            draft.Specialty.Trim(), draft.YearsOfPractice, draft.LicenceNumber.Trim(), draft.Phone.Trim(), draft.Languages.Trim(),
            draft.Bio.Trim());
        await db.SaveChangesAsync(ct);
        return true;
    }
}
