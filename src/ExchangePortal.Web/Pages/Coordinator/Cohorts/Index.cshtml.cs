using ExchangePortal.Core.Cohorts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Pages.Coordinator.Cohorts;

public class IndexModel(CohortAdministration cohorts) : PageModel
{
    public IReadOnlyList<CohortRow> Cohorts { get; private set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Cohorts = await cohorts.ListAsync(ct);
}
