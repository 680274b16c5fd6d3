using ExchangePortal.Core.Cohorts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Pages.Coordinator.Roster;

public class IndexModel(CohortRoster roster) : PageModel
{
    public RosterView Roster { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int cohortId, CancellationToken ct)
    {
        var view = await roster.GetAsync(cohortId, ct);
        if (view is null)
            return NotFound();
        Roster = view;
        return Page();
    }

    public Task<IActionResult> OnGetCsvAsync(int cohortId, bool arrivals, CancellationToken ct) =>
        this.CsvAsync(RosterLine.FileName(cohortId, arrivals), roster.Stream(cohortId, arrivals).Select(RosterLine.Of), ct);

    public Task<IActionResult> OnGetExcelAsync(int cohortId, bool arrivals, CancellationToken ct) =>
        this.ExcelAsync(RosterLine.FileName(cohortId, arrivals), roster.Stream(cohortId, arrivals).Select(RosterLine.Of), ct);
}
