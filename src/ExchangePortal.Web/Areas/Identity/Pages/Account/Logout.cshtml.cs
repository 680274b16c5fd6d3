using ExchangePortal.Core.Auditing;
using ExchangePortal.Core.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Areas.Identity.Pages.Account;

/// <summary>Signs out (a form post from the account menu, so another site cannot sign a user out with a link).</summary>
public class LogoutModel(SignInManager<PortalUser> signIn, AuditTrail audit) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (User.Identity?.IsAuthenticated == true)
            await audit.RecordAccessAsync(AuditTrail.SignedOut, User.UserId());
        await signIn.SignOutAsync();
        return LocalRedirect("/");
    }
}
