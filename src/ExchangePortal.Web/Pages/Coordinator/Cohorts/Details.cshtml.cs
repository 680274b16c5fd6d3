using ExchangePortal.Core.Cohorts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Pages.Coordinator.Cohorts;

[EvictsPublicPages]
public class DetailsModel(CohortAdministration cohorts) : PageModel
{
    public CohortDetails Cohort { get; private set; } = null!;

    /// <summary>The "Copy to the next cycle" form: twelve months later, or what was posted when it was refused.</summary>
    public CopyInput Copy { get; private set; } = new();

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

    public Task<IActionResult> OnPostCopyAsync(int id, CopyInput copy, CancellationToken ct)
    {
        Copy = copy;
        return this.DecideAsync(() => cohorts.CopyToNextCycleAsync(id, copy.Months ?? 0, copy.Days ?? 0, User.UserId(), ct),
            "The cohort was copied to the next cycle, in planning; check its name and dates.", () => OnGetAsync(id, ct), "Details");
    }

    private static string Done(CohortAction change) => change switch
    {
        CohortAction.Open => "The application window is open.",
        CohortAction.StartReviewing => "The application window is closed; reviewing has started.",
        CohortAction.StartExchange => "The exchange has started.",
        CohortAction.Complete => "The cohort is completed.",
        _ => "The cohort was cancelled.",
    };
}
