using ExchangePortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.Core.Auditing;

public sealed record AuditFilter(string? Actor = null, string? RecordType = null, string? RecordId = null,
    DateOnly? From = null, DateOnly? To = null, int Page = 1);

public sealed record AuditRow(long Id, DateTimeOffset At, string Actor, string Action, string RecordType, string RecordId,
    Dictionary<string, FieldChange> Changes);

public sealed record AuditPage(IReadOnlyList<AuditRow> Rows, int Page, bool HasNext, IReadOnlyList<string> RecordTypes);

/// <summary>Reads the append-only audit trail, and records what has no entity of its own (sign-ins, sign-outs, account security).</summary>
public class AuditTrail(PortalDbContext db, ProgrammeClock clock, IAuditActor client)
{
    public const int PageSize = 50;
    public const int UserAgentLength = 200;

    public const string SignInSucceeded = "sign-in.succeeded";
    public const string SignInFailed = "sign-in.failed";
    public const string SignedOut = "sign-out";
    public const string PasswordChanged = "password.changed";
    public const string PasswordReset = "password.reset";
    public const string EmailChanged = "email.changed";
    public const string TwoFactorEnrolled = "two-factor.enrolled";
    public const string TwoFactorDisabled = "two-factor.disabled";
    public const string TwoFactorReset = "two-factor.reset";
    public const string RecoveryCodesRegenerated = "two-factor.recovery-codes";
    public const string Reauthenticated = "reauthenticated";

    public async Task<AuditPage> ListAsync(AuditFilter filter, CancellationToken ct = default)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Actor))
            query = query.Where(e => db.Users.Any(u => u.Id == e.ActorId && u.NormalizedEmail == filter.Actor.Trim().ToUpperInvariant()));
        if (!string.IsNullOrWhiteSpace(filter.RecordType))
            query = query.Where(e => e.RecordType == filter.RecordType);
        if (!string.IsNullOrWhiteSpace(filter.RecordId))
            query = query.Where(e => e.RecordId == filter.RecordId.Trim());
        if (filter.From is { } from)
            query = query.Where(e => e.At >= StartOf(from));
        if (filter.To is { } to)
            query = query.Where(e => e.At < StartOf(to.AddDays(1)));
        var page = Paging.Clamp(filter.Page, PageSize);
        // One row more than a page tells whether a next page exists, without counting the whole trail.
        var rows = await query.OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Skip(Paging.Offset(page, PageSize)).Take(PageSize + 1)
            .Select(e => new AuditRow(e.Id, e.At, db.Users.Where(u => u.Id == e.ActorId).Select(u => u.Email).FirstOrDefault()
                    ?? db.ErasureRequests.Where(r => r.UserId == e.ActorId && r.Pseudonym != null).Select(r => r.Pseudonym).FirstOrDefault()
                    ?? "Exchange Portal",
                e.Action, e.RecordType, e.RecordId, e.Changes))
            .ToListAsync(ct);
        var types = await db.AuditEntries.AsNoTracking().Select(e => e.RecordType).Distinct().OrderBy(t => t).ToListAsync(ct);
        return new AuditPage(rows.Take(PageSize).ToList(), page, rows.Count > PageSize, types);
    }

    /// <summary>
    /// Something done with an account's access (one of the constants above), with the client's address and user agent: the
    /// account it concerns when there is one (an unknown address typed at sign-in is never written), never a password.
    /// A failed sign-in has no actor; everything else is done by the account's own holder unless <paramref name="actorId"/>
    /// names someone else (an administrator resetting the account's two-factor sign-in).
    /// </summary>
    public async Task RecordAccessAsync(string action, string? userId, string? reason = null, CancellationToken ct = default, string? actorId = null)
    {
        db.AuditEntries.Add(AccessEntry(action, userId, reason, actorId));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The entry <see cref="RecordAccessAsync"/> writes, for a caller that saves it with its own change.</summary>
    public AuditEntry AccessEntry(string action, string? userId, string? reason = null, string? actorId = null)
    {
        var changes = new Dictionary<string, FieldChange>
        {
            ["Address"] = new(null, client.ClientAddress ?? "unknown"),
            ["UserAgent"] = new(null, client.UserAgent ?? "none"),
        };
        if (reason is not null)
            changes["Reason"] = new(null, reason);
        return new AuditEntry(clock.Now, action == SignInFailed ? null : actorId ?? userId, action, "PortalUser", userId ?? "unknown account", changes);
    }

    private DateTimeOffset StartOf(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, clock.TimeZone.GetUtcOffset(local)).ToUniversalTime();
    }
}
