using ExchangePortal.Core.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>Two-factor sign-in: whether it is on, the recovery codes (shown once, right after they are made), new codes, switching off.</summary>
public class TwoFactorAuthenticationModel(AccountTwoFactor twoFactor, SignInManager<PortalUser> signIn, UserManager<PortalUser> users) : PageModel
{
    public const string RecoveryCodesKey = "RecoveryCodes";

    public TwoFactorStatus Status { get; private set; } = null!;

    /// <summary>Only on the page view right after the codes were made: TempData forgets them once read.</summary>
    public string[]? RecoveryCodes { get; private set; }

    public string? ReturnUrl { get; private set; }

    [TempData] public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(string? returnUrl = null)
    {
        RecoveryCodes = TempData[RecoveryCodesKey] as string[];
        ReturnUrl = Url.IsLocalUrl(returnUrl) ? returnUrl : null;
        return await ShowAsync();
    }

    public Task<IActionResult> OnPostRecoveryCodesAsync() =>
        this.DecideAsync(async () =>
        {
            if (await twoFactor.RegenerateRecoveryCodesAsync(User.UserId()) is not { } codes)
                return false;
            TempData[RecoveryCodesKey] = codes.ToArray();
            return true;
        }, "New recovery codes are made; the earlier ones no longer work.", ShowAsync);

    public Task<IActionResult> OnPostDisableAsync() =>
        this.DecideAsync(async () =>
        {
            if (!await twoFactor.DisableAsync(User.UserId()))
                return false;
            // Switching off renews the security stamp: this browser stays signed in.
            await signIn.RefreshSignInAsync((await users.GetUserAsync(User))!);
            return true;
        }, "Two-factor sign-in is off.", ShowAsync);

    private async Task<IActionResult> ShowAsync()
    {
        if (await twoFactor.GetStatusAsync(User.UserId()) is not { } status)
            return NotFound();
        Status = status;
        return Page();
    }
}
