using ExchangePortal.Core.Cohorts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Pages.Coordinator.Cohorts;

/// <summary>Confirms the cancellation of a cohort with a reason, saying what it will do to its applications, seats and key dates.</summary>
[EvictsPublicPages]
public class CancelModel(CohortCancellation cancellation) : PageModel
{
    public CohortCancellationPreview Cohort { get; private set; } = null!;

    public CancelInput Cancel { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var cohort = await cancellation.PreviewAsync(id, ct);
        if (cohort is null)
            return NotFound();
        Cohort = cohort;
        return Page();
    }

    public Task<IActionResult> OnPostAsync(int id, uint version, CancelInput cancel, CancellationToken ct)
    {
        Cancel = cancel;
        return this.DecideAsync(() => cancellation.CancelAsync(id, version, cancel.Reason, User.UserId(), ct),
            "The cohort was cancelled: its applications were withdrawn or cancelled, its seats released and everyone concerned emailed.",
            () => OnGetAsync(id, ct), new { id }, "Details");
    }
}
