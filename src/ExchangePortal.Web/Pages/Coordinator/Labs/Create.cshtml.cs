using ExchangePortal.Core;
using ExchangePortal.Core.HostLabs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Pages.Coordinator.Labs;

[EvictsPublicPages]
public class CreateModel(HostLabAdministration labs) : PageModel
{
    public NewLabInput Input { get; private set; } = new() { DefaultSeats = 2 };

    public IReadOnlyList<Option<int>> Universities { get; private set; } = [];

    public Task<IActionResult> OnGetAsync(CancellationToken ct) => ShowAsync(ct);

    public Task<IActionResult> OnPostAsync(NewLabInput input, CancellationToken ct)
    {
        Input = input;
        // The list shows the new lab, so the new id is not needed.
        return this.DecideAsync(async () => await labs.CreateAsync(input.UniversityId!.Value, input.ToDraft(), ct) > 0,
            $"{input.Name} was added to the host labs.", () => ShowAsync(ct), pageName: "Index");
    }

    private async Task<IActionResult> ShowAsync(CancellationToken ct)
    {
        Universities = await labs.ListUniversitiesAsync(ct);
        return Page();
    }
}
