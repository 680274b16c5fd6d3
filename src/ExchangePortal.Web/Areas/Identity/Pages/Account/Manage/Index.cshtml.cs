using ExchangePortal.Core.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>The signed-in person's account: name, address and whether it is confirmed.</summary>
public class IndexModel(UserManager<PortalUser> users) : PageModel
{
    public PortalUser Account { get; private set; } = null!;

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
            return NotFound();
        Account = user;
        return Page();
    }
}
