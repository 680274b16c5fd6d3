using System.Text.Json;
using ExchangePortal.Core.Applications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ExchangePortal.Web.Pages.Coordinator.Applications;

/// <summary>The review queue's bulk actions on the selected applications (ids and the versions the queue showed), and what
/// the last one did: each application done or skipped with its reason.</summary>
public class BulkModel(CoordinatorSelections selections, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public IReadOnlyList<BulkResult> Results { get; private set; } = [];

    [TempData] public string? StatusMessage { get; set; }

    // The last bulk action's results, carried over the redirect (Post/Redirect/Get).
    [TempData] public string? BulkResults { get; set; }

    public void OnGet() => Results = BulkResults is { } json ? JsonSerializer.Deserialize<List<BulkResult>>(json) ?? [] : [];

    public Task<IActionResult> OnPostStartReviewAsync(int[] ids, Dictionary<int, uint> versions, CancellationToken ct) =>
        this.DecideAsync(async () =>
        {
            // A selected row without its version counts as seen at version 0: it is skipped as changed meanwhile.
            var seen = ids.Distinct().ToDictionary(id => id, id => versions.GetValueOrDefault(id));
            BulkResults = JsonSerializer.Serialize(await selections.StartReviewAsync(seen, User.UserId(), ct));
            return true;
        }, "Bulk action finished: see below what was done and what was skipped.", ShowAsync);

    public async Task<IActionResult> OnPostExportAsync(int[] ids, CancellationToken ct) => Refuse(ids)
        ?? await this.CsvAsync("applications-selected", (await selections.ExportAsync(ids, User.UserId(), "csv", ct)).Select(ApplicationLine.Of), ct);

    public async Task<IActionResult> OnPostExportExcelAsync(int[] ids, CancellationToken ct) => Refuse(ids)
        ?? await this.ExcelAsync("applications-selected", (await selections.ExportAsync(ids, User.UserId(), "xlsx", ct)).Select(ApplicationLine.Of), ct);

    /// <summary>"Send a message": the message page for the selection, addressed by the ids alone (POSTed here so the
    /// antiforgery token and the versions stay out of the address).</summary>
    public IActionResult OnPostMessage(int[] ids) => Refuse(ids)
        ?? LocalRedirect("/Coordinator/Applications/Message?" + string.Join("&", ids.Distinct().Select(id => $"ids={id}")));

    private Task<IActionResult> ShowAsync() => Task.FromResult<IActionResult>(Page());

    /// <summary>An export of nothing, of too much, or of ids that are not numbers: this page with the message (400), no file.</summary>
    private IActionResult? Refuse(int[] ids)
    {
        if (ModelState.IsValid && ids.Length is > 0 and <= CoordinatorSelections.MaxSelected)
            return null;
        if (ModelState.IsValid)
            ModelState.AddModelError(string.Empty, localizer[ids.Length == 0 ? CoordinatorSelections.NothingSelected : CoordinatorSelections.TooMany]);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
