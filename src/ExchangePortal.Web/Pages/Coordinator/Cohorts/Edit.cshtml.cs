using System.ComponentModel.DataAnnotations;
using ExchangePortal.Core.Cohorts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Pages.Coordinator.Cohorts;

[EvictsPublicPages]
public class EditModel(CohortAdministration cohorts) : PageModel
{
    public CohortInput Input { get; private set; } = new();

    /// <summary>Fingerprint of the values the form was filled from.</summary>
    public string Stamp { get; private set; } = "";

    public string Agreement { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var editor = await cohorts.GetEditorAsync(id, ct);
        if (editor is null)
            return NotFound();
        (Input, Stamp, Agreement) = (CohortInput.From(editor.Plan, editor.Labs), editor.Stamp, editor.Agreement);
        return Page();
    }

    public Task<IActionResult> OnPostAsync(int id, CohortInput input, [StringLength(4000)] string? stamp, [StringLength(300)] string? agreement, CancellationToken ct)
    {
        (Input, Stamp, Agreement) = (input, stamp ?? "", agreement ?? "");
        return this.DecideAsync(() => cohorts.UpdateAsync(id, input.ToPlan(), Stamp, ct),
            $"{input.Name} was saved; its milestones follow its dates.", routeValues: new { id }, pageName: "Details");
    }
}
