using ExchangePortal.Core.Auditing;
using ExchangePortal.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.Core.Users;

/// <param name="Current">The session of the request asking.</param>
public sealed record SessionRow(Guid Id, DateTimeOffset StartedAt, DateTimeOffset LastSeenAt, string? ClientAddress, string? UserAgent, bool Current);

/// <summary>What a person sees and does with their own sessions (Manage, Sessions).</summary>
public class AccountSessions(PortalDbContext db, TimeProvider time, UserManager<PortalUser> users, AuditTrail audit)
{
    public const string OthersSignedOut = "sessions.others-signed-out";

    /// <summary>The user's sessions still open within the limits: the asking one first, then the newest.</summary>
    public async Task<IReadOnlyList<SessionRow>> ListOpenAsync(string userId, Guid? current, TimeSpan idle, TimeSpan lifetime, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var (seenSince, startedSince) = (now - idle, now - lifetime);
        return await db.Sessions.AsNoTracking()
            .Where(s => s.UserId == userId && s.EndedAt == null && s.LastSeenAt > seenSince && s.StartedAt > startedSince)
            .OrderByDescending(s => s.Id == current).ThenByDescending(s => s.StartedAt)
            .Select(s => new SessionRow(s.Id, s.StartedAt, s.LastSeenAt, s.ClientAddress, s.UserAgent, s.Id == current))
            .ToListAsync(ct);
    }

    /// <summary>
    /// Signs out every other browser of the user: a new security stamp refuses their cookies (and ends their sessions,
    /// StampChangeEndsSessions); the caller re-issues its own cookie, which keeps its session. Audited.
    /// </summary>
    public async Task<bool> SignOutOthersAsync(string userId)
    {
        if (await users.FindByIdAsync(userId) is not { } user)
            return false;
        if (!(await users.UpdateSecurityStampAsync(user)).Succeeded)
            return false;
        await audit.RecordAccessAsync(OthersSignedOut, userId);
        return true;
    }
}
