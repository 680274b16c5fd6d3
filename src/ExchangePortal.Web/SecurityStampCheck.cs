using System.Security.Claims;
using ExchangePortal.Core.Data;
using ExchangePortal.Core.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace ExchangePortal.Web;

public static class SecurityStampCheck
{
    /// <summary>The comment the check's SQL starts with, so a log (or a test counting a page's own statements) can tell it apart.</summary>
    public const string Tag = "security stamp check";

    // Compiled once, so no LINQ translation or query cache lookup per request.
    private static readonly Func<PortalDbContext, string, string?, Task<bool>> IsCurrent =
        EF.CompileAsyncQuery((PortalDbContext db, string userId, string? stamp) =>
            db.Users.TagWith(Tag).AsNoTracking().Any(u => u.Id == userId && u.SecurityStamp == stamp
                && (u.LockoutEnd == null || u.LockoutEnd < PortalUser.AdministratorLockAfter)));

    /// <summary>
    /// Rejects the cookie when the account's security stamp changed since sign-in or an administrator locked the account.
    /// A lockout after failed sign-ins only stops new sign-ins: anyone who knows the address can cause one, so it must not
    /// end the holder's open session.
    /// </summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var claimType = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        var userId = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var stamp = context.Principal?.FindFirstValue(claimType);
        var recent = services.GetRequiredService<RecentStampChecks>();
        if (userId is not null && recent.WasCurrent(userId, stamp))
            return;
        if (userId is not null && await IsCurrent(services.GetRequiredService<PortalDbContext>(), userId, stamp))
        {
            recent.Remember(userId, stamp);
            return;
        }
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }
}

/// <summary>
/// The security stamps found current in the last few seconds, so a user's run of requests reads the account once
/// every <see cref="Lifetime"/> instead of once per request. Saving an account on this server
/// (<see cref="AccountSaveForgetsStamp"/>: a lock, a role change, a new password) forgets it at once and keeps it
/// forgotten for a lifetime, so a check that read the account just before the save cannot put it back; another
/// server of the portal notices within <see cref="Lifetime"/>.
/// </summary>
public sealed class RecentStampChecks(IMemoryCache cache)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    private sealed record Current(string? Stamp);
    private sealed record Forgotten;

    public bool WasCurrent(string userId, string? stamp) => cache.Get(Key(userId)) is Current current && current.Stamp == stamp;

    public void Remember(string userId, string? stamp)
    {
        if (cache.Get(Key(userId)) is not Forgotten)
            cache.Set(Key(userId), new Current(stamp), Lifetime);
    }

    public void Forget(string userId) => cache.Set(Key(userId), new Forgotten(), Lifetime);

    private static (Type, string) Key(string userId) => (typeof(RecentStampChecks), userId);
}

/// <summary>Any save that changes or removes an account makes <see cref="RecentStampChecks"/> read it again.</summary>
public sealed class AccountSaveForgetsStamp(RecentStampChecks recent) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Forget(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Forget(DbContext? db)
    {
        if (db is null)
            return;
        foreach (var entry in db.ChangeTracker.Entries<PortalUser>())
            if (entry.State is EntityState.Modified or EntityState.Deleted)
                recent.Forget(entry.Entity.Id);
    }
}
