using ExchangePortal.Core.Applications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Pages.Hospital;

public class StaffModel(HospitalEndorsements endorsements) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Cohort { get; set; }

    public IReadOnlyList<StaffRow> Staff { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Staff = await endorsements.StaffAsync(User.UserId(), Cohort, ct);
}
