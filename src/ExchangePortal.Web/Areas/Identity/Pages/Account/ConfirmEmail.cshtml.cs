using ExchangePortal.Core.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace ExchangePortal.Web.Areas.Identity.Pages.Account;

/// <summary>Confirms an address from its emailed link, with a button: a mail scanner opening the link confirms nothing.</summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.FormPosts)]
public class ConfirmEmailModel(AccountPasswords passwords) : PageModel
{
    [BindProperty]
    public LinkInput Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public void OnGet(string? userId, string? code) => Input = new() { UserId = userId, Code = code };

    public Task<IActionResult> OnPostAsync() =>
        this.DecideAsync(() => passwords.ConfirmEmailAsync(Input.UserId, Input.Code), "Thank you: your email address is confirmed.",
            routeValues: new { });
}
