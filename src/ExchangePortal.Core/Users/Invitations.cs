using ExchangePortal.Core.Auditing;
using ExchangePortal.Core.Data;
using ExchangePortal.Core.Doctors;
using ExchangePortal.Core.Institutions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.Core.Users;

/// <summary>
/// Accounts are made for people, never self-made staff: an administrator invites anyone with roles (and a hospital), a
/// hospital coordinator invites their own hospital's staff as applicants. The account has no password until the invitee
/// chooses one from the emailed single-use link, which also confirms the address.
/// </summary>
public class Invitations(PortalDbContext db, UserManager<PortalUser> users, AccountEmails emails, ProgrammeClock clock)
{
    public const string AccountExists = "An account with this email address exists already; nothing was changed.";

    /// <returns>false when the inviting account is not there.</returns>
    public async Task<bool> InviteAsync(string email, string? name, IReadOnlyCollection<string> roles, int? hospitalId, string actorId,
        CancellationToken ct = default)
    {
        var wanted = roles.Intersect(Roles.All).ToList();
        if (wanted.Count == 0)
            throw new DomainException("Choose at least one role.");
        if (wanted.Contains(Roles.Applicant) && hospitalId is null)
            throw new DomainException("An applicant must belong to a hospital: choose one.");
        await UserAdministration.RequireHospitalAsync(db, wanted, hospitalId, ct);
        var inviter = await db.Users.Where(u => u.Id == actorId).Select(u => u.DisplayName).SingleOrDefaultAsync(ct);
        if (inviter is null)
            return false;
        await CreateAsync(email, name, wanted, hospitalId, actorId, inviter, ct);
        return true;
    }

    /// <summary>A hospital coordinator invites a colleague of their own hospital, as an applicant.</summary>
    /// <returns>false when the coordinator has no hospital.</returns>
    public async Task<bool> InviteColleagueAsync(string email, string? name, string coordinatorId, CancellationToken ct = default)
    {
        var coordinator = await db.Users.Where(u => u.Id == coordinatorId && u.HospitalId != null)
            .Select(u => new { u.DisplayName, u.HospitalId }).SingleOrDefaultAsync(ct);
        if (coordinator is null)
            return false;
        await CreateAsync(email, name, [Roles.Applicant], coordinator.HospitalId, coordinatorId, coordinator.DisplayName, ct);
        return true;
    }

    /// <summary>A new link for an invitee who has not chosen a password yet (the old link stops working).</summary>
    /// <returns>false when there is no such account.</returns>
    public async Task<bool> ResendAsync(string userId, string actorId, CancellationToken ct = default)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null)
            return false;
        if (user.PasswordHash is not null)
            throw new DomainException("This person has accepted the invitation already: they sign in with their own password.");
        var inviter = await db.Users.Where(u => u.Id == actorId).Select(u => u.DisplayName).SingleOrDefaultAsync(ct) ?? "";
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        Require(await users.UpdateSecurityStampAsync(user));
        db.AuditEntries.Add(new AuditEntry(clock.Now, actorId, "user.invitation.resent", nameof(PortalUser), user.Id));
        await emails.SendInvitationAsync(user, inviter, await users.GetRolesAsync(user), ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// The account (with its roles, hospital and, for an applicant, an empty profile), its audit entry and its email, in one
    /// transaction. Without an inviter (the first administrator, made by a command) the email is the plain set-password one.
    /// </summary>
    /// <returns>The link to choose the password.</returns>
    internal async Task<string> CreateAsync(string email, string? name, IReadOnlyCollection<string> roles, int? hospitalId,
        string? actorId, string? inviter, CancellationToken ct)
    {
        if (await users.FindByEmailAsync(email) is not null)
            throw new DomainException(AccountExists);
        var hospital = hospitalId is null ? null : await db.Institutions.SingleAsync(i => i.Id == hospitalId && i.Kind == InstitutionKind.Hospital, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var user = new PortalUser
        {
            UserName = email,
            Email = email,
            DisplayName = string.IsNullOrWhiteSpace(name) ? email : name.Trim(),
            HospitalId = hospital?.Id,
        };
        Require(await users.CreateAsync(user));
        Require(await users.AddToRolesAsync(user, roles));
        if (roles.Contains(Roles.Applicant))
            db.Doctors.Add(new VisitingDoctor(user, hospital!, user.DisplayName, email));
        db.AuditEntries.Add(new AuditEntry(clock.Now, actorId, "user.invited", nameof(PortalUser), user.Id, new()
        {
            ["Roles"] = new FieldChange(null, string.Join(", ", roles.Order())),
            ["HospitalId"] = new FieldChange(null, hospital?.Id.ToString()),
        }));
        var link = inviter is null ? await emails.SendSetPasswordAsync(user, ct) : await emails.SendInvitationAsync(user, inviter, roles, ct);
        await transaction.CommitAsync(ct);
        return link;
    }

    private static void Require(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new DomainException(string.Join('\n', result.Errors.Select(e => e.Description)));
    }
}
