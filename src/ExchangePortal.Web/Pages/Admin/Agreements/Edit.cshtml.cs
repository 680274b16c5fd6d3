using ExchangePortal.Core.Agreements;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Pages.Admin.Agreements;

[EvictsPublicPages]
public class EditModel(AgreementOverview overview, AgreementAdministration administration) : PageModel
{
    /// <summary>The agreement as saved: its parties, the areas to choose from, its status.</summary>
    public AgreementView Saved { get; private set; } = null!;

    /// <summary>The form's values: the agreement's, or what was posted when the edit was refused.</summary>
    public AgreementInput Agreement { get; private set; } = new();

    /// <summary>The version the form was filled from, kept across a refused post so that a stale form stays stale.</summary>
    public uint Version { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var result = await ShowAsync(id, ct);
        if (result is PageResult)
            (Agreement, Version) = (AgreementInput.From(Saved), Saved.Version);
        return result;
    }

    public Task<IActionResult> OnPostAsync(int id, AgreementInput agreement, uint version, CancellationToken ct)
    {
        (Agreement, Version) = (agreement, version);
        return this.DecideAsync(() => administration.UpdateAsync(id, agreement.ToEdit(), version, User.UserId(), ct),
            "Agreement saved.", () => ShowAsync(id, ct), new { id }, "Details");
    }

    private async Task<IActionResult> ShowAsync(int id, CancellationToken ct)
    {
        Saved = (await overview.GetAsync(id, User.UserId(), ct))!;
        return Saved is null ? NotFound() : Page();
    }
}
