using ExchangePortal.Core.Cohorts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Pages.Coordinator.Cohorts;

[EvictsPublicPages]
public class DetailsModel(CohortAdministration cohorts) : PageModel
{
    public CohortDetails Cohort { get; private set; } = null!;

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var cohort = await cohorts.GetDetailsAsync(id, ct);
        if (cohort is null)
            return NotFound();
        Cohort = cohort;
        return Page();
    }

    public Task<IActionResult> OnPostStatusAsync(int id, CohortAction change, CancellationToken ct) =>
        this.DecideAsync(() => cohorts.ChangeStatusAsync(id, change, ct), Done(change), () => OnGetAsync(id, ct), new { id });

    private static string Done(CohortAction change) => change switch
    {
        CohortAction.Open => "The application window is open.",
        CohortAction.StartReviewing => "The application window is closed; reviewing has started.",
        CohortAction.StartExchange => "The exchange has started.",
        CohortAction.Complete => "The cohort is completed.",
        _ => "The cohort was cancelled.",
    };
}
