using ExchangePortal.Core.Users;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Pages.Hospital.Staff;

/// <summary>A hospital coordinator invites a colleague of their own hospital to apply; the hospital is always the coordinator's.</summary>
public class InviteModel(Invitations invitations) : PageModel
{
    public InviteeInput Input { get; private set; } = new();

    public void OnGet()
    {
    }

    public Task<IActionResult> OnPostAsync(InviteeInput input, CancellationToken ct)
    {
        Input = input;
        return this.DecideAsync(() => invitations.InviteColleagueAsync(input.Email, input.Name, User.UserId(), ct),
            "The invitation is on its way; its link works for three days.", pageName: "/Hospital/Staff");
    }
}
