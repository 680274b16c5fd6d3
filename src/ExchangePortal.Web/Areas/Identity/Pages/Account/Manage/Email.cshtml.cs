using ExchangePortal.Core.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace ExchangePortal.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>Asks to change the account's address: a link goes to the new address, which becomes the account's when followed.</summary>
[EnableRateLimiting(RateLimits.FormPosts)]
public class EmailModel(AccountPasswords passwords, UserManager<PortalUser> users) : PageModel
{
    [BindProperty]
    public EmailInput Input { get; set; } = new();

    public string? CurrentEmail { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public void OnGet() => CurrentEmail = User.Identity?.Name;

    public Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        CurrentEmail = User.Identity?.Name;
        return this.DecideAsync(() => passwords.RequestEmailChangeAsync(users.GetUserId(User)!, Input.Email, ct),
            "We have emailed a link to the new address. Your address changes when you follow it.");
    }
}
