using ExchangePortal.Core.Agreements;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Pages.Admin.Agreements;

[EvictsPublicPages]
public class IndexModel(AgreementOverview overview, AgreementAdministration administration) : PageModel
{
    public IReadOnlyList<AgreementRow> Agreements { get; private set; } = [];

    public NewAgreementOptions Options { get; private set; } = null!;

    public NewAgreementInput Input { get; private set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public Task<IActionResult> OnGetAsync(CancellationToken ct) => ShowAsync(ct);

    public Task<IActionResult> OnPostAsync(NewAgreementInput input, CancellationToken ct)
    {
        Input = input;
        return this.DecideAsync(() => administration.CreateAsync(input.ToDraft(), User.UserId(), ct),
            "Agreement created as a draft.", () => ShowAsync(ct), "Details");
    }

    private async Task<IActionResult> ShowAsync(CancellationToken ct)
    {
        Agreements = await overview.ListAsync(ct);
        Options = await administration.GetNewOptionsAsync(ct);
        return Page();
    }
}
