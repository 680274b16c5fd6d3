using System.ComponentModel.DataAnnotations;
using ExchangePortal.Core.HostLabs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Pages.Labs;

public class IndexModel(LabCatalogue catalogue) : PageModel
{
    [BindProperty(SupportsGet = true)]
    [StringLength(100)]
    public string? Q { get; set; }

    public IReadOnlyList<LabCard> Labs { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Labs = await catalogue.ListActiveAsync(ModelState.IsValid ? Q : null, ct);
}
