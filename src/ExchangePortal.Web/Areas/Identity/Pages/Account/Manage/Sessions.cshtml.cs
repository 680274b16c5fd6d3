using ExchangePortal.Core.Users;
using ExchangePortal.Web.Setup;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace ExchangePortal.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>The browsers where the account is signed in; signs out all but this one.</summary>
public class SessionsModel(AccountSessions sessions, IOptions<SessionLimitOptions> limits, SignInManager<PortalUser> signIn,
    UserManager<PortalUser> users) : PageModel
{
    public IReadOnlyList<SessionRow> Sessions { get; private set; } = [];

    public SessionLimitOptions Limits => limits.Value;

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(CancellationToken ct) =>
        Sessions = await sessions.ListOpenAsync(users.GetUserId(User)!, SessionCheck.SessionId(User), limits.Value.IdleFor(User), limits.Value.Lifetime, ct);

    public Task<IActionResult> OnPostAsync() =>
        this.DecideAsync(async () =>
        {
            if (!await sessions.SignOutOthersAsync(users.GetUserId(User)!))
                return false;
            await signIn.RefreshSignInAsync((await users.GetUserAsync(User))!);
            return true;
        }, "You are signed out everywhere else.");
}
