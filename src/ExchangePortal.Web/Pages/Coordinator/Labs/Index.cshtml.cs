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

    public Task<IActionResult> OnGetAsync(CancellationToken ct) => ShowAsync(ct);

    public Task<IActionResult> OnPostDeactivateAsync(int id, CancellationToken ct) =>
        this.DecideAsync(() => labs.DeactivateAsync(id, ct), "The lab was deactivated; it no longer shows in the catalogue.", () => ShowAsync(ct));

    public Task<IActionResult> OnPostActivateAsync(int id, CancellationToken ct) =>
        this.DecideAsync(() => labs.ActivateAsync(id, ct), "The lab was reactivated; it shows in the catalogue again.", () => ShowAsync(ct));

    private async Task<IActionResult> ShowAsync(CancellationToken ct)
    {
        Labs = await labs.ListAsync(ct);
        return Page();
    }
}
