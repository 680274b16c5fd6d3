using ExchangePortal.Core.Agreements;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Pages.Admin.Agreements;

public class TimelineModel(AgreementTimeline timeline) : PageModel
{
    public TimelineView Timeline { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var view = await timeline.GetAsync(id, ct);
        if (view is null)
            return NotFound();
        Timeline = view;
        return Page();
    }
}
