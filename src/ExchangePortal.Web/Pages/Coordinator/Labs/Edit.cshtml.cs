using System.ComponentModel.DataAnnotations;
using ExchangePortal.Core.HostLabs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Pages.Coordinator.Labs;

[EvictsPublicPages]
public class EditModel(HostLabAdministration labs) : PageModel
{
    public LabInput Input { get; private set; } = new();

    /// <summary>Fingerprint of the values the form was filled from.</summary>
    public string Stamp { get; private set; } = "";

    public string LabName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var editor = await labs.GetEditorAsync(id, ct);
        if (editor is null)
            return NotFound();
        (Input, Stamp, LabName) = (LabInput.From(editor.Draft), editor.Stamp, editor.Name);
        return Page();
    }

    public Task<IActionResult> OnPostAsync(int id, LabInput input, [StringLength(100)] string? stamp, CancellationToken ct)
    {
        (Input, Stamp, LabName) = (input, stamp ?? "", input.Name);
        return this.DecideAsync(() => labs.UpdateAsync(id, input.ToDraft(), Stamp, ct), $"{input.Name} was saved.", pageName: "Index");
    }
}
