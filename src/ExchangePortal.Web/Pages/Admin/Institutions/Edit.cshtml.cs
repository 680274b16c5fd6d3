using ExchangePortal.Core.Institutions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Pages.Admin.Institutions;

[EvictsPublicPages]
public class EditModel(InstitutionAdministration administration) : PageModel
{
    /// <summary>The institution as saved: its kind and state, which this form does not change.</summary>
    public InstitutionEditor Saved { get; private set; } = null!;

    /// <summary>The form's values: the institution's, or what was posted when the edit was refused.</summary>
    public InstitutionInput Input { get; private set; } = new();

    /// <summary>The version the form was filled from, kept across a refused post so that a stale form stays stale.</summary>
    public uint Version { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var result = await ShowAsync(id, ct);
        if (result is PageResult)
            (Input, Version) = (InstitutionInput.From(Saved.Draft), Saved.Version);
        return result;
    }

    public Task<IActionResult> OnPostAsync(int id, InstitutionInput input, uint version, CancellationToken ct)
    {
        (Input, Version) = (input, version);
        return this.DecideAsync(() => administration.UpdateAsync(id, input.ToDraft(), version, User.UserId(), ct),
            "Institution saved.", () => ShowAsync(id, ct), pageName: "Index");
    }

    private async Task<IActionResult> ShowAsync(int id, CancellationToken ct)
    {
        var saved = await administration.GetAsync(id, ct);
        if (saved is null)
            return NotFound();
        Saved = saved;
        return Page();
    }
}
