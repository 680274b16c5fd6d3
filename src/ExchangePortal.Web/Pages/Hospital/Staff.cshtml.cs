using ExchangePortal.Core.Applications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Pages.Hospital;

public class StaffModel(HospitalApplications applications) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Cohort { get; set; }

    [BindProperty(SupportsGet = true)]
    public int P { get; set; } = 1;

    public IReadOnlyList<StaffRow> Staff { get; private set; } = [];

    public bool HasNext { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) =>
        (Staff, HasNext) = await applications.StaffAsync(User.UserId(), Cohort, Math.Max(P, 1), ct);
}
