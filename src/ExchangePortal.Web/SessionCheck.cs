using System.Security.Claims;
using ExchangePortal.Core.Data;
using ExchangePortal.Core.Users;
using ExchangePortal.Web.Setup;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace ExchangePortal.Web;

/// <summary>
/// The sign-in cookie's server-side session (<see cref="UserSession"/>): started when the cookie is issued, checked on
/// every request after the security stamp (idle time, lifetime, ended), ended at sign-out.
/// </summary>
public static class SessionCheck
{
    /// <summary>The claim carrying the session's id in the sign-in cookie.</summary>
    public const string ClaimType = "portal_session";

    // A refreshed sign-in (a new password) carries the properties of the cookie it replaces, and so keeps its session.
    private const string Item = ".portal.session";

    /// <summary>Cookie <c>OnSigningIn</c>: every new sign-in (password, invitation, two-factor) starts a session.</summary>
    public static async Task StartAsync(CookieSigningInContext context)
    {
        if (context.Principal?.Identity is not ClaimsIdentity identity || identity.FindFirst(ClaimTypes.NameIdentifier)?.Value is not { } userId)
            return;
        if (!(context.Properties.Items.TryGetValue(Item, out var kept) && Guid.TryParse(kept, out var id)))
        {
            var services = context.HttpContext.RequestServices;
            var started = await services.GetRequiredService<UserSessions>().StartAsync(userId);
            services.GetRequiredService<RecentSessionChecks>().Remember(started);
            id = started.Id;
            context.Properties.Items[Item] = id.ToString();
        }
        foreach (var old in identity.FindAll(ClaimType).ToList())
            identity.RemoveClaim(old);
        identity.AddClaim(new Claim(ClaimType, id.ToString()));
    }

    /// <summary>Cookie <c>OnValidatePrincipal</c>: the security stamp first, then the session; either failing signs the request out.</summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var sessionId = SessionId(context.Principal);
        await SecurityStampCheck.ValidateAsync(context);
        var services = context.HttpContext.RequestServices;
        if (context.Principal is null)
        {
            // Signed out by the stamp check (a lock, a role change, a new password elsewhere): its session ends too.
            if (sessionId is { } ended)
                await EndAsync(services, ended);
            return;
        }
        if (sessionId is { } id && await IsLiveAsync(services, context.Principal, id))
            return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }

    /// <summary>Cookie <c>OnSigningOut</c>: the session of the user signing out ends, so a copy of the cookie is refused.</summary>
    public static async Task EndAsync(CookieSigningOutContext context)
    {
        if (SessionId(context.HttpContext.User) is { } id)
            await EndAsync(context.HttpContext.RequestServices, id);
    }

    public static Guid? SessionId(ClaimsPrincipal? user) =>
        Guid.TryParse(user?.FindFirstValue(ClaimType), out var id) ? id : null;

    private static async Task<bool> IsLiveAsync(IServiceProvider services, ClaimsPrincipal user, Guid id)
    {
        var recent = services.GetRequiredService<RecentSessionChecks>();
        if (user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId || recent.HasEnded(id))
            return false;
        // The service (and a pooled DbContext) only when the database is needed: most requests find the session kept.
        var kept = recent.Open(id);
        var times = kept ?? await services.GetRequiredService<UserSessions>().FindOpenAsync(id, userId);
        if (times is null)
            return false;
        var limits = services.GetRequiredService<IOptions<SessionLimitOptions>>().Value;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        if (!times.IsLive(now, limits.IdleFor(user), limits.Lifetime))
        {
            await EndAsync(services, id);
            return false;
        }
        if (times.NeedsTouch(now))
        {
            if (!await services.GetRequiredService<UserSessions>().TouchAsync(id, now))
                return false;
            times = times with { LastSeenAt = now };
        }
        // Kept only after the database said "open" (a read, or the write of "last seen"), never renewed by a kept copy:
        // otherwise a stream of requests would keep a session ended on another instance alive here.
        else if (kept is not null)
            return true;
        recent.Remember(times);
        return true;
    }

    private static async Task EndAsync(IServiceProvider services, Guid id)
    {
        services.GetRequiredService<RecentSessionChecks>().Forget(id);
        await services.GetRequiredService<UserSessions>().EndAsync(id);
    }
}

/// <summary>
/// The sessions found open in the last few seconds, so a user's run of requests reads its session once every
/// <see cref="Lifetime"/> instead of once per request (idle time and lifetime are still judged on every request, from the
/// times kept). A session ended on this instance is forgotten at once and stays forgotten; another instance notices
/// within <see cref="Lifetime"/>.
/// </summary>
public sealed class RecentSessionChecks(IMemoryCache cache)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    private sealed record Ended;

    public SessionTimes? Open(Guid id) => cache.Get(Key(id)) as SessionTimes;

    public bool HasEnded(Guid id) => cache.Get(Key(id)) is Ended;

    public void Remember(SessionTimes session)
    {
        if (cache.Get(Key(session.Id)) is not Ended)
            cache.Set(Key(session.Id), session, Lifetime);
    }

    public void Forget(Guid id) => cache.Set(Key(id), new Ended(), Lifetime);

    private static (Type, Guid) Key(Guid id) => (typeof(RecentSessionChecks), id);
}

/// <summary>
/// A save that changes an account's security stamp (a new or reset password, a lock, a role change, a two-factor reset)
/// ends every open session of that account, except the session of the request making the change when it is the
/// account's own (a password change keeps the browser that made it signed in). The stamp check already refuses the old
/// cookies; this makes the end explicit on the server, in the same transaction when the caller has one
/// (the portal's saves are all asynchronous, as Identity's are).
/// </summary>
public sealed class StampChangeEndsSessions(IHttpContextAccessor http, TimeProvider time) : SaveChangesInterceptor
{
    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is PortalDbContext db)
            foreach (var userId in StampChanged(db))
                await UserSessions.EndOthersAsync(db, userId, Keep(userId), time.GetUtcNow(), cancellationToken);
        return result;
    }

    private static List<string> StampChanged(PortalDbContext db) =>
        db.ChangeTracker.Entries<PortalUser>()
            .Where(e => e.State == EntityState.Modified
                && !Equals(e.Property(u => u.SecurityStamp).OriginalValue, e.Property(u => u.SecurityStamp).CurrentValue))
            .Select(e => e.Entity.Id).ToList();

    private Guid? Keep(string userId) =>
        http.HttpContext?.User is { } user && user.FindFirstValue(ClaimTypes.NameIdentifier) == userId ? SessionCheck.SessionId(user) : null;
}
