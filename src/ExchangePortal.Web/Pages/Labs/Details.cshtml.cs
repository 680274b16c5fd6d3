using Microsoft.AspNetCore.OutputCaching;
using ExchangePortal.Core.HostLabs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Pages.Labs;

[OutputCache(PolicyName = PublicPages.Policy)]
public class DetailsModel(LabCatalogue catalogue) : PageModel
{
    public LabDetails Lab { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var lab = await catalogue.GetActiveAsync(id, ct);
        if (lab is null)
            return NotFound();
        Lab = lab;
        return Page();
    }
}
