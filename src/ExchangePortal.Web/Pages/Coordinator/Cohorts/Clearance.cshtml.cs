using ExchangePortal.Core.Clearance;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Pages.Coordinator.Cohorts;

public class ClearanceModel(ClearanceBoard board) : PageModel
{
    public ClearanceBoardView Board { get; private set; } = null!;

    [BindProperty(SupportsGet = true)]
    public bool NotCleared { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        // A filter that does not bind shows every doctor.
        NotCleared = ModelState.IsValid && NotCleared;
        var view = await board.GetAsync(id, NotCleared, ct);
        if (view is null)
            return NotFound();
        Board = view;
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(int id, CancellationToken ct) =>
        await board.ExportAsync(id, ModelState.IsValid && NotCleared, User.UserId(), "csv", ct) is { } view
            ? await this.CsvAsync(ClearanceLine.FileName(id), view.Rows.Select(ClearanceLine.Of).ToAsyncEnumerable(), ct)
            : NotFound();

    public async Task<IActionResult> OnGetExcelAsync(int id, CancellationToken ct) =>
        await board.ExportAsync(id, ModelState.IsValid && NotCleared, User.UserId(), "xlsx", ct) is { } view
            ? await this.ExcelAsync(ClearanceLine.FileName(id), view.Rows.Select(ClearanceLine.Of).ToAsyncEnumerable(), ct)
            : NotFound();
}
