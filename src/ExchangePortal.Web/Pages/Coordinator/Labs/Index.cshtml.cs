using ExchangePortal.Core;
using ExchangePortal.Core.HostLabs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Pages.Coordinator.Labs;

[EvictsPublicPages]
public class IndexModel(HostLabAdministration labs) : PageModel
{
    public IReadOnlyList<HostLabRow> Labs { get; private set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Labs = await labs.ListAsync(ct);

    public Task<IActionResult> OnPostDeactivateAsync(int id, CancellationToken ct) =>
        ChangeAsync(() => labs.DeactivateAsync(id, ct), "The lab was deactivated; it no longer shows in the catalogue.", ct);

    public Task<IActionResult> OnPostActivateAsync(int id, CancellationToken ct) =>
        ChangeAsync(() => labs.ActivateAsync(id, ct), "The lab was reactivated; it shows in the catalogue again.", ct);

    private async Task<IActionResult> ChangeAsync(Func<Task<bool>> change, string done, CancellationToken ct)
    {
        try
        {
            if (!await change())
                return NotFound();
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(string.Empty, e.Message);
            Labs = await labs.ListAsync(ct);
            return Page();
        }
        StatusMessage = done;
        return RedirectToPage();
    }
}
