using ExchangePortal.Core.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace ExchangePortal.Web.Areas.Identity.Pages.Account;

/// <summary>The second step of signing in: the code from the authenticator app (each code works once).</summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.FormPosts)]
public class LoginWith2faModel(SignInManager<PortalUser> signIn) : PageModel
{
    [BindProperty] public CodeInput Input { get; set; } = new();

    public string? ReturnUrl { get; set; }

    public bool RememberMe { get; set; }

    public async Task<IActionResult> OnGetAsync(string? returnUrl = null, bool rememberMe = false)
    {
        (ReturnUrl, RememberMe) = (returnUrl, rememberMe);
        // Only after a right password: otherwise the sign-in starts again.
        return await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("./Login", new { returnUrl }) : Page();
    }

    public async Task<IActionResult> OnPostAsync(string? returnUrl = null, bool rememberMe = false)
    {
        (ReturnUrl, RememberMe) = (returnUrl, rememberMe);
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } user)
            return RedirectToPage("./Login", new { returnUrl });
        if (!ModelState.IsValid)
            return Page();
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(AuthenticatorCodes.Normalize(Input.Code), rememberMe, rememberClient: false);
        return await SecondFactorSignIn.FinishAsync(this, result, user, "authenticator code", AccountTwoFactor.WrongCode, returnUrl);
    }
}
