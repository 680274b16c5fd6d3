using ExchangePortal.Core.Institutions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Pages.Admin.Institutions;

[EvictsPublicPages]
public class IndexModel(InstitutionAdministration administration) : PageModel
{
    public IReadOnlyList<InstitutionRow> Institutions { get; private set; } = [];

    public NewInstitutionInput Input { get; private set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public Task<IActionResult> OnGetAsync(CancellationToken ct) => ShowAsync(ct);

    public Task<IActionResult> OnPostAsync(NewInstitutionInput input, CancellationToken ct)
    {
        Input = input;
        return this.DecideAsync(async () =>
        {
            await administration.CreateAsync(input.Kind!.Value, input.ToDraft(), User.UserId(), ct);
            return true;
        }, "Institution created.", () => ShowAsync(ct));
    }

    public Task<IActionResult> OnPostDeactivateAsync(int id, CancellationToken ct) =>
        this.DecideAsync(() => administration.DeactivateAsync(id, User.UserId(), ct),
            "Institution deactivated; it is no longer offered for new registrations, agreements or host labs.", () => ShowAsync(ct));

    public Task<IActionResult> OnPostReactivateAsync(int id, CancellationToken ct) =>
        this.DecideAsync(() => administration.ReactivateAsync(id, User.UserId(), ct), "Institution reactivated.", () => ShowAsync(ct));

    private async Task<IActionResult> ShowAsync(CancellationToken ct)
    {
        Institutions = await administration.ListAsync(ct);
        return Page();
    }
}
