using ExchangePortal.Core.Auditing;
using ExchangePortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.Core.Users;

/// <summary>
/// The server-side record of each sign-in: started when the sign-in cookie is issued, checked and touched by the
/// requests that carry it, ended at sign-out, at its limits, or when the account's security stamp changes.
/// </summary>
public class UserSessions(PortalDbContext db, TimeProvider time, IAuditActor client)
{
    /// <summary>The comment the per-request session SQL starts with, so a log (or a test counting a page's own statements) can tell it apart.</summary>
    public const string Tag = "session check";

    // Compiled once: this read runs for a signed-in user every few seconds.
    private static readonly Func<PortalDbContext, Guid, string, Task<SessionTimes?>> OpenSession =
        EF.CompileAsyncQuery((PortalDbContext db, Guid id, string userId) =>
            db.Sessions.TagWith(Tag).AsNoTracking().Where(s => s.Id == id && s.UserId == userId && s.EndedAt == null)
                .Select(s => new SessionTimes(s.Id, s.StartedAt, s.LastSeenAt)).FirstOrDefault());

    public async Task<SessionTimes> StartAsync(string userId, CancellationToken ct = default)
    {
        var session = new UserSession(userId, time.GetUtcNow(), client.ClientAddress, client.UserAgent);
        db.Sessions.Add(session);
        await db.SaveChangesAsync(ct);
        return new SessionTimes(session.Id, session.StartedAt, session.LastSeenAt);
    }

    /// <summary>The session's times when it is the user's and not ended; null otherwise.</summary>
    public Task<SessionTimes?> FindOpenAsync(Guid id, string userId) => OpenSession(db, id, userId);

    /// <summary>Records a request now; false when the session has ended meanwhile.</summary>
    public async Task<bool> TouchAsync(Guid id, DateTimeOffset now, CancellationToken ct = default) =>
        await db.Database.ExecuteSqlRawAsync(TouchSql, [now, id], ct) == 1;

    // Written out because EF 10 leaves the tag out of an ExecuteUpdate's SQL (dotnet/efcore#36908).
    private const string TouchSql = $"-- {Tag}\nUPDATE \"Sessions\" SET \"LastSeenAt\" = {{0}} WHERE \"Id\" = {{1}} AND \"EndedAt\" IS NULL";

    public Task EndAsync(Guid id, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        return db.Sessions.Where(s => s.Id == id && s.EndedAt == null).ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now), ct);
    }

    /// <summary>Ends every open session of the user except <paramref name="keep"/> (the one making the change, if any).</summary>
    public static Task<int> EndOthersAsync(PortalDbContext db, string userId, Guid? keep, DateTimeOffset now, CancellationToken ct = default) =>
        db.Sessions.Where(s => s.UserId == userId && s.EndedAt == null && s.Id != keep)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now), ct);

    /// <summary>Deletes the sessions that ended (or were last seen) more than <paramref name="retention"/> ago; running it twice changes nothing.</summary>
    public Task<int> PurgeAsync(TimeSpan retention, CancellationToken ct = default)
    {
        var cutoff = time.GetUtcNow() - retention;
        return db.Sessions.Where(s => (s.EndedAt ?? s.LastSeenAt) < cutoff).ExecuteDeleteAsync(ct);
    }
}
