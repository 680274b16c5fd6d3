using System.Security.Claims;
using ExchangePortal.Core.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ExchangePortal.Web;

public static class SecurityStampCheck
{
    // Runs on every signed-in request: compiled once, so no LINQ translation or query cache lookup per request.
    private static readonly Func<PortalDbContext, string, string?, DateTimeOffset, Task<bool>> IsCurrent =
        EF.CompileAsyncQuery((PortalDbContext db, string userId, string? stamp, DateTimeOffset now) =>
            db.Users.AsNoTracking().Any(u => u.Id == userId && u.SecurityStamp == stamp && (u.LockoutEnd == null || u.LockoutEnd <= now)));

    /// <summary>Rejects the cookie when the account's security stamp changed since sign-in or the account is locked.</summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var claimType = context.HttpContext.RequestServices.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        var userId = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var stamp = context.Principal?.FindFirstValue(claimType);
        var db = context.HttpContext.RequestServices.GetRequiredService<PortalDbContext>();
        var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var valid = userId is not null && await IsCurrent(db, userId, stamp, now);
        if (!valid)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
    }
}
