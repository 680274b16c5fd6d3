using ExchangePortal.Core.Privacy;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Pages.Admin.Privacy;

/// <summary>Data-subject requests with their statutory clock: pending ones first, by due date.</summary>
public class IndexModel(ErasureAdministration administration) : PageModel
{
    public IReadOnlyList<ErasureRequestRow> Requests { get; private set; } = [];

    [Microsoft.AspNetCore.Mvc.TempData] public string? StatusMessage { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Requests = await administration.ListAsync(ct);
}
