using ExchangePortal.Core.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace ExchangePortal.Web.Areas.Identity.Pages.Account;

/// <summary>
/// Chooses a password from an emailed link: after "forgot password", or the first one of an account made by someone else.
/// The link works once; then the person signs in with the new password.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.FormPosts)]
public class ResetPasswordModel(AccountPasswords passwords) : PageModel
{
    [BindProperty]
    public PasswordInput Input { get; set; } = new();

    public void OnGet(string? userId, string? code) => Input = new() { UserId = userId, Code = code };

    public Task<IActionResult> OnPostAsync() =>
        this.DecideAsync(() => passwords.ChoosePasswordAsync(Input.UserId, Input.Code, Input.Password),
            "Your password is set. Sign in with it.", pageName: "./Login");
}
