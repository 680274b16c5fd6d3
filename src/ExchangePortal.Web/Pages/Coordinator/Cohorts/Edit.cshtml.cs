using ExchangePortal.Core;
using ExchangePortal.Core.Cohorts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Pages.Coordinator.Cohorts;

[EvictsPublicPages]
public class EditModel(CohortAdministration cohorts) : PageModel
{
    [BindProperty]
    public CohortInput Input { get; set; } = new();

    /// <summary>Fingerprint of the values the form was filled from.</summary>
    [BindProperty]
    public string Stamp { get; set; } = "";

    [BindProperty]
    public string Agreement { get; set; } = "";

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var editor = await cohorts.GetEditorAsync(id, ct);
        if (editor is null)
            return NotFound();
        (Input, Stamp, Agreement) = (CohortInput.From(editor.Plan, editor.Labs), editor.Stamp, editor.Agreement);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (!ModelState.IsValid)
            return Page();
        try
        {
            if (!await cohorts.UpdateAsync(id, Input.ToPlan(), Stamp, ct))
                return NotFound();
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(string.Empty, e.Message);
            return Page();
        }
        StatusMessage = $"{Input.Name} was saved; its milestones follow its dates.";
        return RedirectToPage("Details", new { id });
    }
}
