using ExchangePortal.Core.Users;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace ExchangePortal.Web.Areas.Identity.Pages.Account;

/// <summary>
/// Confirms the signed-in person (password, and an authenticator code when enrolled) before a sensitive change, then goes
/// back to where they were (a local address only).
/// </summary>
[EnableRateLimiting(RateLimits.FormPosts)]
public class ReauthenticateModel(AccountTwoFactor twoFactor, RecentSignIn recent, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public ReauthenticationInput Input { get; set; } = new();

    public string? ReturnUrl { get; set; }

    public bool NeedsCode { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? returnUrl = null) => await ShowAsync(returnUrl);

    public async Task<IActionResult> OnPostAsync(string? returnUrl = null)
    {
        var shown = await ShowAsync(returnUrl);
        if (shown is not PageResult || !ModelState.IsValid)
            return shown;
        if (!await twoFactor.ConfirmIdentityAsync(User.UserId(), Input.Password, Input.Code))
        {
            ModelState.AddModelError(string.Empty, l[NeedsCode ? "The password or the code is not right." : "The password is not right."]);
            return Page();
        }
        recent.Remember(HttpContext, User.UserId());
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/Identity/Account/Manage");
    }

    private async Task<IActionResult> ShowAsync(string? returnUrl)
    {
        ReturnUrl = returnUrl;
        if (await twoFactor.GetStatusAsync(User.UserId()) is not { } status)
            return NotFound();
        NeedsCode = status.Enabled;
        return Page();
    }
}
