using ExchangePortal.Core.Data;
using ExchangePortal.Core.Doctors;
using ExchangePortal.Core.Institutions;
using ExchangePortal.Core.Privacy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.Core.Users;

/// <summary>Self-registration of hospital staff as applicants, with their consent to the privacy notice.</summary>
public class Registration(PortalDbContext db, UserManager<PortalUser> users, AccountEmails emails, ProgrammeClock clock, PrivacyNotice notice)
{
    public async Task<IReadOnlyList<Option<int>>> ListHospitalsAsync(CancellationToken ct = default) =>
        await db.Institutions.AsNoTracking()
            .Where(i => i.Kind == InstitutionKind.Hospital && i.IsActive)
            .OrderBy(i => i.Name)
            .Select(i => new Option<int>(i.Id, i.Name))
            .ToListAsync(ct);

    /// <summary>Creates the account, its Applicant role, an empty profile and the email confirming the address together, or nothing at all.</summary>
    public async Task<(PortalUser? User, IReadOnlyList<string> Errors)> RegisterApplicantAsync(
        string email, string fullName, int hospitalId, string password, bool consented, CancellationToken ct = default)
    {
        if (!consented)
            return (null, ["Please agree to the privacy notice to register."]);
        var hospital = await db.Institutions.SingleOrDefaultAsync(i => i.Id == hospitalId && i.Kind == InstitutionKind.Hospital && i.IsActive, ct);
        if (hospital is null)
            return (null, ["Please choose your hospital from the list."]);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var user = new PortalUser { UserName = email, Email = email, DisplayName = fullName.Trim(), HospitalId = hospital.Id };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
            return (null, created.Errors.Select(e => e.Description).ToList());
        var role = await users.AddToRoleAsync(user, Roles.Applicant);
        if (!role.Succeeded)
            return (null, role.Errors.Select(e => e.Description).ToList());
        db.Doctors.Add(new VisitingDoctor(user, hospital, fullName.Trim(), email));
        db.ConsentRecords.Add(ConsentRecord.Given(user.Id, notice.Current, clock.Now));
        await db.SaveChangesAsync(ct);
        await emails.SendConfirmationAsync(user, ct);
        await transaction.CommitAsync(ct);
        return (user, []);
    }
}
