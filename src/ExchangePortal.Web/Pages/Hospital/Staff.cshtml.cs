using ExchangePortal.Core;
using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Clearance;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Pages.Hospital;

public class StaffModel(HospitalApplications applications, ClearanceBoard clearance) : PageModel
{
    [TempData]
    public string? StatusMessage { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Cohort { get; set; }

    [BindProperty(SupportsGet = true)]
    public int P { get; set; } = 1;

    public IReadOnlyList<StaffRow> Staff { get; private set; } = [];

    public bool HasNext { get; private set; }

    public IReadOnlyDictionary<int, ClearanceRow> Clearance { get; private set; } = new Dictionary<int, ClearanceRow>();

    public async Task OnGetAsync(CancellationToken ct)
    {
        // A filter that does not bind shows every cohort's first page, with the message.
        if (!ModelState.IsValid)
            (Cohort, P) = (null, 1);
        P = Paging.Clamp(P, HospitalApplications.StaffPageSize);
        (Staff, HasNext) = await applications.StaffAsync(User.UserId(), Cohort, P, ct);
        Clearance = await clearance.ForHospitalAsync(User.UserId(), Staff.Where(s => ClearanceRules.Boarded.Contains(s.Status)).Select(s => s.Id).ToList(), ct);
    }
}
