using ExchangePortal.Core.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace ExchangePortal.Web.Areas.Identity.Pages.Account;

/// <summary>The second step of signing in without the authenticator app: one of the recovery codes, each usable once.</summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.FormPosts)]
public class LoginWithRecoveryCodeModel(SignInManager<PortalUser> signIn) : PageModel
{
    public const string WrongRecoveryCode = "That recovery code is not right, or it was used already.";

    [BindProperty] public RecoveryCodeInput Input { get; set; } = new();

    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync(string? returnUrl = null)
    {
        ReturnUrl = returnUrl;
        return await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("./Login", new { returnUrl }) : Page();
    }

    public async Task<IActionResult> OnPostAsync(string? returnUrl = null)
    {
        ReturnUrl = returnUrl;
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } user)
            return RedirectToPage("./Login", new { returnUrl });
        if (!ModelState.IsValid)
            return Page();
        var result = await signIn.TwoFactorRecoveryCodeSignInAsync(Input.RecoveryCode.Replace(" ", "", StringComparison.Ordinal));
        return await SecondFactorSignIn.FinishAsync(this, result, user, "recovery code", WrongRecoveryCode, returnUrl);
    }
}
