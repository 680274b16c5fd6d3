using System.ComponentModel.DataAnnotations;
using ExchangePortal.Core;
using ExchangePortal.Core.HostLabs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Pages.Coordinator.Labs;

[EvictsPublicPages]
public class CreateModel(HostLabAdministration labs) : PageModel
{
    [BindProperty]
    public LabInput Input { get; set; } = new() { DefaultSeats = 2 };

    [BindProperty]
    [Required(ErrorMessage = "Please choose the university.")]
    [Display(Name = "University")]
    public int? UniversityId { get; set; }

    public IReadOnlyList<UniversityOption> Universities { get; private set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Universities = await labs.ListUniversitiesAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            try
            {
                await labs.CreateAsync(UniversityId!.Value, Input.ToDraft(), ct);
                StatusMessage = $"{Input.Name} was added to the host labs.";
                return RedirectToPage("Index");
            }
            catch (DomainException e)
            {
                ModelState.AddModelError(string.Empty, e.Message);
            }
        }
        Universities = await labs.ListUniversitiesAsync(ct);
        return Page();
    }
}
