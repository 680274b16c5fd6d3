using ExchangePortal.Core;
using ExchangePortal.Core.Users;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ExchangePortal.Web.Pages.Admin.Users;

/// <summary>Invites a person by email with roles (and a hospital); they choose their password from the emailed link.</summary>
public class InviteModel(Invitations invitations, Registration registration, IStringLocalizer<SharedResource> l) : PageModel
{
    public InviteInput Input { get; private set; } = new();

    public IReadOnlyList<Option<int>> Hospitals { get; private set; } = [];

    public Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Input = InviteInput.New(l);
        return ShowAsync(ct);
    }

    public Task<IActionResult> OnPostAsync(InviteInput input, CancellationToken ct)
    {
        Input = input;
        return this.DecideAsync(() => invitations.InviteAsync(input.Invitee.Email, input.Invitee.Name, input.Selected, input.HospitalId, User.UserId(), ct),
            "The invitation is on its way; its link works for three days.", () => ShowAsync(ct), pageName: "/Admin/Users/Index");
    }

    private async Task<IActionResult> ShowAsync(CancellationToken ct)
    {
        Hospitals = await registration.ListHospitalsAsync(ct);
        return Page();
    }
}
