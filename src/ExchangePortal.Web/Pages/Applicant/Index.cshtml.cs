using ExchangePortal.Core.Applications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Pages.Applicant;

public class IndexModel(ApplicantApplications applications) : PageModel
{
    [TempData]
    public string? StatusMessage { get; set; }

    public ApplicantOverview Overview { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var overview = await applications.GetOverviewAsync(User.UserId(), ct);
        if (overview is null)
            return NotFound();
        Overview = overview;
        return Page();
    }
}
