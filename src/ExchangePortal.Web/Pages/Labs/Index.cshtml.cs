using Microsoft.AspNetCore.OutputCaching;
using System.ComponentModel.DataAnnotations;
using ExchangePortal.Core.HostLabs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Pages.Labs;

[OutputCache(PolicyName = PublicPages.Policy)]
public class IndexModel(LabCatalogue catalogue) : PageModel
{
    [BindProperty(SupportsGet = true)]
    [StringLength(100)]
    [Display(Name = "Search")]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    [StringLength(200)]
    [Display(Name = "Department")]
    public string? Department { get; set; }

    [BindProperty(SupportsGet = true)]
    [StringLength(200)]
    [Display(Name = "Research area")]
    public string? Area { get; set; }

    public IReadOnlyList<LabCard> Labs { get; private set; } = [];

    public CatalogueFilters Filters { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Labs = ModelState.IsValid ? await catalogue.ListActiveAsync(Q, Department, Area, ct)
            : await catalogue.ListActiveAsync(null, null, null, ct);
        Filters = await catalogue.FiltersAsync(ct);
    }
}
