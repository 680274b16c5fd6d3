using ExchangePortal.Core.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace ExchangePortal.Web.Areas.Identity.Pages.Account;

/// <summary>Makes a new address the account's from the link emailed to it; then the person signs in with it.</summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.FormPosts)]
public class ConfirmEmailChangeModel(AccountPasswords passwords) : PageModel
{
    [BindProperty]
    public LinkInput Input { get; set; } = new();

    public void OnGet(string? userId, string? email, string? code) => Input = new() { UserId = userId, Email = email, Code = code };

    public Task<IActionResult> OnPostAsync(CancellationToken ct) =>
        this.DecideAsync(() => passwords.ConfirmEmailChangeAsync(Input.UserId, Input.Email, Input.Code, ct),
            "Your email address is changed. Sign in with the new one.", pageName: "./Login");
}
