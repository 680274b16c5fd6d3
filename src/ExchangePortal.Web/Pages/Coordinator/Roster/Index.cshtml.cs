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

    public async Task<IActionResult> OnGetCsvAsync(int cohortId, bool arrivals, CancellationToken ct) =>
        await this.CsvAsync(RosterLine.FileName(cohortId, arrivals), (await roster.ExportAsync(cohortId, arrivals, User.UserId(), "csv", ct)).Select(RosterLine.Of), ct);

    public async Task<IActionResult> OnGetExcelAsync(int cohortId, bool arrivals, CancellationToken ct) =>
        await this.ExcelAsync(RosterLine.FileName(cohortId, arrivals), (await roster.ExportAsync(cohortId, arrivals, User.UserId(), "xlsx", ct)).Select(RosterLine.Of), ct);
}
