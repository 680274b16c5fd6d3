using ExchangePortal.Core.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace ExchangePortal.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>Changes the password; this browser stays signed in, other sessions are signed out by the new security stamp.</summary>
[EnableRateLimiting(RateLimits.FormPosts)]
public class ChangePasswordModel(AccountPasswords passwords, SignInManager<PortalUser> signIn, UserManager<PortalUser> users) : PageModel
{
    [BindProperty]
    public ChangePasswordInput Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public void OnGet()
    {
    }

    public Task<IActionResult> OnPostAsync() =>
        this.DecideAsync(async () =>
        {
            if (!await passwords.ChangePasswordAsync(users.GetUserId(User)!, Input.OldPassword, Input.NewPassword))
                return false;
            await signIn.RefreshSignInAsync((await users.GetUserAsync(User))!);
            return true;
        }, "Your password is changed.");
}
