using ExchangePortal.Core.Applications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Pages.Coordinator.Views;

/// <summary>The coordinator's own saved views of the review queue: apply, delete, and save from the queue's form.</summary>
public class IndexModel(CoordinatorQueueViews views) : PageModel
{
    public IReadOnlyList<SavedQueueViewRow> Views { get; private set; } = [];

    [TempData] public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Views = await views.ListAsync(User.UserId(), ct);
        return Page();
    }

    /// <summary>Opens the queue with the view's filter and sort; another coordinator's view is not found.</summary>
    public async Task<IActionResult> OnGetApplyAsync(int id, CancellationToken ct) =>
        await views.FilterOfAsync(id, User.UserId(), ct) is { } filter
            ? RedirectToPage("/Coordinator/Index", SaveViewForm.RouteOf(filter))
            : NotFound();

    public Task<IActionResult> OnPostSaveAsync(Coordinator.IndexModel.FilterInput filter, SaveViewInput saveView, CancellationToken ct) =>
        this.DecideAsync(() => views.SaveAsync(User.UserId(), saveView.Name, SaveViewForm.FilterOf(filter), ct), "View saved.",
            () => OnGetAsync(ct));

    public Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct) =>
        this.DecideAsync(() => views.DeleteAsync(id, User.UserId(), ct), "View deleted.", () => OnGetAsync(ct));
}
