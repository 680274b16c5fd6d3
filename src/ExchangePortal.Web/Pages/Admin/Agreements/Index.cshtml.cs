using ExchangePortal.Core.Agreements;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ExchangePortal.Web.Pages.Admin.Agreements;

[EvictsPublicPages]
public class IndexModel(AgreementOffice office, AgreementAdministration administration, IStringLocalizer<SharedResource> l) : PageModel
{
    public IReadOnlyList<AgreementRow> Agreements { get; private set; } = [];

    public NewAgreementOptions Options { get; private set; } = null!;

    [BindProperty]
    public NewAgreementInput Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public Task<IActionResult> OnGetAsync(CancellationToken ct) => ShowAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var id = 0;
        var result = await this.DecideAsync(async () => id = await administration.CreateAsync(Input.ToDraft(), User.UserId(), ct),
            "Agreement created as a draft.", () => ShowAsync(ct), null, line => l[line]);
        return result is RedirectToPageResult ? RedirectToPage("Details", new { id }) : result;
    }

    private async Task<IActionResult> ShowAsync(CancellationToken ct)
    {
        Agreements = await office.ListAsync(ct);
        Options = await administration.GetNewOptionsAsync(ct);
        return Page();
    }
}
