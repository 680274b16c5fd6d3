using ExchangePortal.Core.Users;
using ExchangePortal.Web.Setup;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace ExchangePortal.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>Enrols an authenticator app: its key as a QR code and as text, then one code from the app turns two-factor on.</summary>
[EnableRateLimiting(RateLimits.FormPosts)]
public class EnableAuthenticatorModel(AccountTwoFactor twoFactor, SignInManager<PortalUser> signIn, UserManager<PortalUser> users) : PageModel
{
    [BindProperty] public CodeInput Input { get; set; } = new();

    public string Key { get; private set; } = "";

    public string QrCode { get; private set; } = "";

    public string? ReturnUrl { get; set; }

    public bool IsStaff => AccountTwoFactor.RequiredFor.Any(User.IsInRole);

    [TempData] public string? StatusMessage { get; set; }

    public Task<IActionResult> OnGetAsync(string? returnUrl = null) => ShowAsync(returnUrl);

    public Task<IActionResult> OnPostAsync(string? returnUrl = null) =>
        this.DecideAsync(async () =>
        {
            if (await twoFactor.EnrolAsync(User.UserId(), Input.Code) is not { } codes)
                return false;
            TempData[TwoFactorAuthenticationModel.RecoveryCodesKey] = codes.ToArray();
            // Enrolling renews the security stamp: this browser signs in again, now with its second factor.
            await signIn.SignInWithSecondFactorAsync((await users.GetUserAsync(User))!);
            return true;
        }, "Two-factor sign-in is on.", () => ShowAsync(returnUrl), new { returnUrl }, "./TwoFactorAuthentication");

    private async Task<IActionResult> ShowAsync(string? returnUrl)
    {
        ReturnUrl = returnUrl;
        if (await twoFactor.SetupAsync(User.UserId()) is not { } setup)
            return RedirectToPage("./TwoFactorAuthentication", new { returnUrl });
        Key = AuthenticatorQrCode.Grouped(setup.Key);
        QrCode = AuthenticatorQrCode.DataUri(setup.Uri);
        return Page();
    }
}
