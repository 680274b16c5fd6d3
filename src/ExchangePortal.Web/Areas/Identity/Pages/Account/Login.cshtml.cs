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
    ILogger<LoginModel> logger)
    : PageModel
{
    [BindProperty] public LoginInput Input { get; set; } = new();

    public string? ReturnUrl { get; set; }

    [TempData] public string? StatusMessage { get; set; }

    public void OnGet(string? returnUrl = null) => ReturnUrl = returnUrl;

    public async Task<IActionResult> OnPostAsync(string? returnUrl = null)
    {
        ReturnUrl = returnUrl;
        if (!ModelState.IsValid)
            return Page();
        var result = await signIn.PasswordSignInAsync(Input.Email, Input.Password, Input.RememberMe, lockoutOnFailure: true);
        // No page can turn two-factor sign-in on until issue 13 rebuilds it; an account that has it cannot finish here.
        if (result.RequiresTwoFactor)
        {
            ModelState.AddModelError(string.Empty, l["This account uses two-factor sign-in, which the portal does not offer yet. Please ask an administrator."]);
            return Page();
        }
        if (!result.Succeeded && !result.RequiresTwoFactor)
            await audit.RecordFailedSignInAsync((await users.FindByEmailAsync(Input.Email))?.Id, result.IsLockedOut ? "locked out" : "wrong email or password");
        if (result.IsLockedOut)
        {
            logger.LogWarning("Sign-in refused: account locked out");
            ModelState.AddModelError(string.Empty, l["This account is locked after too many failed attempts. Please try again in 15 minutes."]);
            return Page();
        }
        if (!result.Succeeded)
        {
            ModelState.AddModelError(string.Empty, l["The email or password is not right."]);
            return Page();
        }
        var user = await users.FindByEmailAsync(Input.Email);
        // The language the user chose on another browser follows them here.
        if (user?.PreferredCulture is { } culture)
            Response.SetCultureCookie(culture);
        if (Url.IsLocalUrl(returnUrl) && returnUrl != "/")
            return LocalRedirect(returnUrl);
        return LocalRedirect(RoleHome.For(user is null ? [] : await users.GetRolesAsync(user)));
    }
}
