using System.ComponentModel.DataAnnotations;
using ExchangePortal.Core;
using ExchangePortal.Core.Cohorts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Pages.Coordinator.Cohorts;

[EvictsPublicPages]
public class CreateModel(CohortAdministration cohorts) : PageModel
{
    [BindProperty]
    public CohortInput Input { get; set; } = new();

    [BindProperty]
    [Required(ErrorMessage = "Please choose the agreement the cohort runs under.")]
    [Display(Name = "Agreement")]
    public int? AgreementId { get; set; }

    public IReadOnlyList<AgreementOption> Agreements { get; private set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var options = await cohorts.GetNewCohortOptionsAsync(ct);
        (Agreements, Input.Labs) = (options.Agreements, LabSeatsInput.From(options.Labs));
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            try
            {
                var id = await cohorts.CreateAsync(AgreementId!.Value, Input.ToPlan(), ct);
                StatusMessage = $"{Input.Name} was created with its key dates as milestones of the agreement.";
                return RedirectToPage("Details", new { id });
            }
            catch (DomainException e)
            {
                ModelState.AddModelError(string.Empty, e.Message);
            }
        }
        Agreements = (await cohorts.GetNewCohortOptionsAsync(ct)).Agreements;
        return Page();
    }
}
