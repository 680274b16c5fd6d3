using ExchangePortal.Core;
using ExchangePortal.Core.HostLabs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Pages.Coordinator.Labs;

[EvictsPublicPages]
public class EditModel(HostLabAdministration labs) : PageModel
{
    [BindProperty]
    public LabInput Input { get; set; } = new();

    /// <summary>Fingerprint of the values the form was filled from.</summary>
    [BindProperty]
    public string Stamp { get; set; } = "";

    public string LabName { get; private set; } = "";

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var editor = await labs.GetEditorAsync(id, ct);
        if (editor is null)
            return NotFound();
        (Input, Stamp, LabName) = (LabInput.From(editor.Draft), editor.Stamp, editor.Name);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        LabName = Input.Name;
        if (!ModelState.IsValid)
            return Page();
        try
        {
            if (!await labs.UpdateAsync(id, Input.ToDraft(), Stamp, ct))
                return NotFound();
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(string.Empty, e.Message);
            return Page();
        }
        StatusMessage = $"{Input.Name} was saved.";
        return RedirectToPage("Index");
    }
}
