using ExchangePortal.Core.Auditing;
using ExchangePortal.Core.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ExchangePortal.Web.Areas.Identity.Pages.Account;

/// <summary>The end of a sign-in with an authenticator or a recovery code, as the password sign-in ends: audited, home page.</summary>
public static class SecondFactorSignIn
{
    public static async Task<IActionResult> FinishAsync(PageModel page, Microsoft.AspNetCore.Identity.SignInResult result, PortalUser user,
        string how, string wrong, string? returnUrl)
    {
        var services = page.HttpContext.RequestServices;
        var audit = services.GetRequiredService<AuditTrail>();
        if (!result.Succeeded)
        {
            await audit.RecordAccessAsync(AuditTrail.SignInFailed, user.Id, result.IsLockedOut ? "locked out" : "wrong " + how);
            var l = services.GetRequiredService<IStringLocalizer<SharedResource>>();
            page.ModelState.AddModelError(string.Empty, l[result.IsLockedOut ? LoginModel.Refused : wrong]);
            return page.Page();
        }
        await audit.RecordAccessAsync(AuditTrail.SignInSucceeded, user.Id, how);
        services.GetRequiredService<RecentSignIn>().Remember(page.HttpContext, user.Id);
        if (user.PreferredCulture is { } culture)
            page.Response.SetCultureCookie(culture);
        if (page.Url.IsLocalUrl(returnUrl) && returnUrl != "/")
            return page.LocalRedirect(returnUrl);
        return page.LocalRedirect(RoleHome.For(await services.GetRequiredService<UserManager<PortalUser>>().GetRolesAsync(user)));
    }
}
