using ExchangePortal.Core.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace ExchangePortal.Web.Areas.Identity.Pages.Account;

/// <summary>Emails a link to choose a new password; the answer is the same whether or not the address has an account.</summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.FormPosts)]
public class ForgotPasswordModel(AccountPasswords passwords) : PageModel
{
    public const string Sent = "If an account uses this address, we have emailed it a link to choose a new password. The link works once, for one day.";

    [BindProperty]
    public EmailInput Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public void OnGet()
    {
    }

    public Task<IActionResult> OnPostAsync(CancellationToken ct) =>
        this.DecideAsync(async () =>
        {
            await passwords.RequestResetAsync(Input.Email, ct);
            return true;
        }, Sent);
}
