using ExchangePortal.Core.Auditing;
using ExchangePortal.Core.Data;
using ExchangePortal.Core.Data.Configurations;
using ExchangePortal.Core.Notifications;
using ExchangePortal.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.Core.Privacy;

public sealed record OwnErasureRequest(int Id, uint Version, ErasureStatus Status, string? Reason, DateTimeOffset RequestedAt,
    DateOnly DueOn, DateTimeOffset? ClosedAt, string? RefusalReason);

/// <summary>A signed-in person's own erasure requests: ask for erasure, follow it, cancel it while it waits.</summary>
public class AccountErasure(PortalDbContext db, ProgrammeClock clock, PublicLinks links)
{
    public const string AlreadyPending = "You already have an erasure request waiting for the programme office.";

    /// <summary>The person's requests, newest first.</summary>
    public async Task<IReadOnlyList<OwnErasureRequest>> ListAsync(string userId, CancellationToken ct = default) =>
        await db.ErasureRequests.AsNoTracking().Where(r => r.UserId == userId)
            .OrderByDescending(r => r.RequestedAt).ThenByDescending(r => r.Id)
            .Select(r => new OwnErasureRequest(r.Id, r.Version, r.Status, r.Reason, r.RequestedAt, r.DueOn, r.ClosedAt, r.RefusalReason))
            .ToListAsync(ct);

    /// <summary>
    /// Files a request (one pending at a time); audited, and emailed to every administrator who can act on it (the office
    /// has 40 days, and nothing else would tell it a request arrived). False when the account is not there.
    /// </summary>
    public async Task<bool> RequestAsync(string userId, string? reason, CancellationToken ct = default)
    {
        if (!await db.Users.AnyAsync(u => u.Id == userId, ct))
            return false;
        if (await db.ErasureRequests.AnyAsync(r => r.UserId == userId && r.Status == ErasureStatus.Pending, ct))
            throw new DomainException(AlreadyPending);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var request = new ErasureRequest(userId, reason, clock.Now, clock.Today);
        db.ErasureRequests.Add(request);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two requests posted at once: the unique index on pending requests keeps one.
            throw new DomainException(AlreadyPending);
        }
        db.AuditEntries.Add(new AuditEntry(clock.Now, userId, "erasure.requested", nameof(ErasureRequest), request.Id.ToString(), new()
        {
            ["DueOn"] = new FieldChange(null, request.DueOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
        }));
        var administrator = RoleConfiguration.RoleId(Roles.Administrator);
        var now = clock.Now;
        var office = await db.Users.AsNoTracking()
            .Where(u => u.Id != userId && u.Email != null && (u.LockoutEnd == null || u.LockoutEnd <= now))
            .Where(u => db.UserRoles.Any(r => r.UserId == u.Id && r.RoleId == administrator))
            .Select(u => new { Email = u.Email!, u.PreferredCulture })
            .ToListAsync(ct);
        foreach (var admin in office)
            db.Notifications.Add(ErasureEmails.Requested(admin.Email, admin.PreferredCulture, request, links, now));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>Cancels the person's own pending request; false when it is not theirs.</summary>
    public async Task<bool> CancelAsync(int id, uint version, string userId, CancellationToken ct = default)
    {
        var request = await db.ErasureRequests.SingleOrDefaultAsync(r => r.Id == id && r.UserId == userId, ct);
        if (request is null)
            return false;
        if (request.Version != version)
            throw new DomainException(ErasureAdministration.ChangedMeanwhile);
        request.Cancel(clock.Now);
        db.AuditEntries.Add(new AuditEntry(clock.Now, userId, "erasure.cancelled", nameof(ErasureRequest), id.ToString()));
        await ErasureAdministration.SaveAsync(db, ct);
        return true;
    }
}
