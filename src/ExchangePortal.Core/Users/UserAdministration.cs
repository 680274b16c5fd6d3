using ExchangePortal.Core.Auditing;
using ExchangePortal.Core.Data;
using ExchangePortal.Core.Institutions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.Core.Users;

/// <param name="AwaitsPassword">Invited and not yet accepted: the invitation can be sent again.</param>
public sealed record UserRow(string Id, string Email, string DisplayName, List<string> Roles, string? Hospital, bool LockedOut, bool AwaitsPassword);

public sealed record UserPage(IReadOnlyList<UserRow> Rows, int Total, int Page, int PageCount);

public sealed record UserEditor(UserRow User, int? HospitalId, IReadOnlyList<Option<int>> Hospitals, bool TwoFactorEnabled = false);

/// <summary>Administrators manage accounts: roles, a hospital coordinator's hospital, locking. Every change is audited
/// and takes effect on the user's next request (the security stamp changes).</summary>
public class UserAdministration(PortalDbContext db, UserManager<PortalUser> users, ProgrammeClock clock, AuditTrail audit)
{
    public const int PageSize = 25;

    public const string UnconfirmedStaff = "This account's email address is not confirmed, so it cannot be given a staff role; nothing was changed. Invite the person instead (Users, Invite someone), or ask them to confirm their address first.";

    public async Task<UserPage> ListAsync(string? search, int page, CancellationToken ct = default)
    {
        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = $"%{search.Trim().Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_")}%";
            query = query.Where(u => EF.Functions.ILike(u.Email!, pattern) || EF.Functions.ILike(u.DisplayName, pattern));
        }
        var total = await query.CountAsync(ct);
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pageCount);
        var now = clock.Now;
        var rows = await query.OrderBy(u => u.NormalizedEmail).Skip(Paging.Offset(page, PageSize)).Take(PageSize)
            .Select(u => new UserRow(u.Id, u.Email!, u.DisplayName,
                db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, r => r.RoleId, role => role.Id, (r, role) => role.Name!).OrderBy(n => n).ToList(),
                u.Hospital == null ? null : u.Hospital.Name, u.LockoutEnd != null && u.LockoutEnd > now, u.PasswordHash == null))
            .ToListAsync(ct);
        return new UserPage(rows, total, page, pageCount);
    }

    public async Task<UserEditor?> GetAsync(string id, CancellationToken ct = default)
    {
        var now = clock.Now;
        var user = await db.Users.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new
            {
                Row = new UserRow(u.Id, u.Email!, u.DisplayName,
                    db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, r => r.RoleId, role => role.Id, (r, role) => role.Name!).OrderBy(n => n).ToList(),
                    u.Hospital == null ? null : u.Hospital.Name, u.LockoutEnd != null && u.LockoutEnd > now, u.PasswordHash == null),
                u.HospitalId,
                u.TwoFactorEnabled,
            })
            .SingleOrDefaultAsync(ct);
        if (user is null)
            return null;
        // Active hospitals, and the user's own even if it was deactivated since.
        var hospitals = await db.Institutions.AsNoTracking()
            .Where(i => i.Kind == InstitutionKind.Hospital && (i.IsActive || i.Id == user.HospitalId)).OrderBy(i => i.Name)
            .Select(i => new Option<int>(i.Id, i.Name)).ToListAsync(ct);
        return new UserEditor(user.Row, user.HospitalId, hospitals, user.TwoFactorEnabled);
    }

    /// <returns>false when there is no such user.</returns>
    public async Task<bool> SetRolesAsync(string id, IReadOnlyCollection<string> roles, int? hospitalId, string actorId, CancellationToken ct = default)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
            return false;
        var wanted = roles.Intersect(Roles.All).ToHashSet();
        var current = (await users.GetRolesAsync(user)).ToHashSet();
        if (id == actorId && current.Contains(Roles.Administrator) && !wanted.Contains(Roles.Administrator))
            throw new DomainException("You cannot remove your own Administrator role; ask another administrator.");
        await RequireHospitalAsync(db, wanted, hospitalId, ct, keeping: user.HospitalId);
        // Only a proven address may hold a staff role: an unconfirmed one may belong to anyone who typed it.
        if (!user.EmailConfirmed && wanted.Except(current).Intersect(Roles.NeedConfirmedEmail).Any())
            throw new DomainException(UnconfirmedStaff);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var before = (string.Join(", ", current.Order()), user.HospitalId?.ToString());
        Check(await users.RemoveFromRolesAsync(user, current.Except(wanted)));
        Check(await users.AddToRolesAsync(user, wanted.Except(current)));
        user.HospitalId = hospitalId;
        Check(await users.UpdateSecurityStampAsync(user));
        db.AuditEntries.Add(new AuditEntry(clock.Now, actorId, "user.roles.changed", nameof(PortalUser), id, new()
        {
            ["Roles"] = new FieldChange(before.Item1, string.Join(", ", wanted.Order())),
            ["HospitalId"] = new FieldChange(before.Item2, hospitalId?.ToString()),
        }));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>Locks (until unlocked) or unlocks an account; a locked user is signed out on their next request.</summary>
    public async Task<bool> SetLockedAsync(string id, bool locked, string actorId, CancellationToken ct = default)
    {
        if (id == actorId && locked)
            throw new DomainException("You cannot lock your own account.");
        var user = await users.FindByIdAsync(id);
        if (user is null)
            return false;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        Check(await users.SetLockoutEnabledAsync(user, true));
        Check(await users.SetLockoutEndDateAsync(user, locked ? PortalUser.AdministratorLock : null));
        if (!locked)
            Check(await users.ResetAccessFailedCountAsync(user));
        Check(await users.UpdateSecurityStampAsync(user));
        db.AuditEntries.Add(new AuditEntry(clock.Now, actorId, locked ? "user.locked" : "user.unlocked", nameof(PortalUser), id));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// Resets a user's two-factor sign-in (a lost phone): key and recovery codes gone, every session ended; a staff user
    /// enrols again at the next sign-in. Audited with the administrator as actor.
    /// </summary>
    public async Task<bool> ResetTwoFactorAsync(string id, string actorId, CancellationToken ct = default)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
            return false;
        if (!user.TwoFactorEnabled)
            throw new DomainException("This account does not use two-factor sign-in; there is nothing to reset.");
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await AccountTwoFactor.ForgetAsync(users, user);
        await audit.RecordAccessAsync(AuditTrail.TwoFactorReset, id, ct: ct, actorId: actorId);
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>A hospital coordinator belongs to a hospital, and a hospital given must be an active one (or the one the account <paramref name="keeping"/> already has).</summary>
    internal static async Task RequireHospitalAsync(PortalDbContext db, IReadOnlyCollection<string> roles, int? hospitalId, CancellationToken ct,
        int? keeping = null)
    {
        if (roles.Contains(Roles.HospitalCoordinator) && hospitalId is null)
            throw new DomainException("A hospital coordinator must belong to a hospital: choose one.");
        if (hospitalId is { } hospital && !await db.Institutions.AnyAsync(i => i.Id == hospital && i.Kind == InstitutionKind.Hospital && (i.IsActive || i.Id == keeping), ct))
            throw new DomainException("Choose a hospital from the list.");
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new DomainException(string.Join(" ", result.Errors.Select(e => e.Description)));
    }
}
