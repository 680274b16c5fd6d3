using ExchangePortal.Core.Auditing;
using ExchangePortal.Core.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ExchangePortal.Web.Areas.Identity.Pages.Account;

[AllowAnonymous]
[EnableRateLimiting(RateLimits.FormPosts)]
public class LoginModel(SignInManager<PortalUser> signIn, UserManager<PortalUser> users, AuditTrail audit, IStringLocalizer<SharedResource> l,
    RecentSignIn recent)
    : PageModel
{
    /// <summary>One answer for a wrong password, a locked account and an unknown address, so it tells nothing about the account.</summary>
    public const string Refused = "The email or password is not right, or the account is locked for a while after too many failed attempts.";

    [BindProperty] public LoginInput Input { get; set; } = new();

    public string? ReturnUrl { get; set; }

    [TempData] public string? StatusMessage { get; set; }

    public void OnGet(string? returnUrl = null) => ReturnUrl = returnUrl;

    public async Task<IActionResult> OnPostAsync(string? returnUrl = null)
    {
        ReturnUrl = returnUrl;
        if (!ModelState.IsValid)
            return Page();
        var user = await users.FindByEmailAsync(Input.Email);
        var result = user is null ? Microsoft.AspNetCore.Identity.SignInResult.Failed : await signIn.PasswordSignInAsync(user, Input.Password, Input.RememberMe, lockoutOnFailure: true);
        // The password was right; the authenticator code comes next (Identity keeps who in its two-factor cookie).
        if (result.RequiresTwoFactor)
            return RedirectToPage("./LoginWith2fa", new { returnUrl, rememberMe = Input.RememberMe });
        if (!result.Succeeded)
        {
            await audit.RecordAccessAsync(AuditTrail.SignInFailed, user?.Id,
                user is null ? "unknown account" : result.IsLockedOut ? "locked out" : result.IsNotAllowed ? "not allowed" : "wrong password");
            ModelState.AddModelError(string.Empty, l[Refused]);
            return Page();
        }
        await audit.RecordAccessAsync(AuditTrail.SignInSucceeded, user!.Id);
        recent.Remember(HttpContext, user.Id);
        // The language the user chose on another browser follows them here.
        if (user.PreferredCulture is { } culture)
            Response.SetCultureCookie(culture);
        if (Url.IsLocalUrl(returnUrl) && returnUrl != "/")
            return LocalRedirect(returnUrl);
        return LocalRedirect(RoleHome.For(await users.GetRolesAsync(user)));
    }
}
