using System.ComponentModel.DataAnnotations;
using ExchangePortal.Core;
using ExchangePortal.Core.Applications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Pages.Applicant;

public class ApplyModel(ApplicationDrafts drafts) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public ApplyForm Form { get; private set; } = null!;

    public class InputModel
    {
        [Required(ErrorMessage = "Choose your first-choice lab.")][Display(Name = "First choice")] public int? Choice1 { get; set; }
        [Display(Name = "Second choice (optional)")] public int? Choice2 { get; set; }
        [Display(Name = "Third choice (optional)")] public int? Choice3 { get; set; }
        [StringLength(8000, ErrorMessage = "Keep the plan under 8,000 characters.")]
        [Display(Name = "Research or learning plan")]
        public string? Plan { get; set; }
        [Display(Name = "Intended start")] public DateOnly? IntendedStartOn { get; set; }
        [Display(Name = "Intended end")] public DateOnly? IntendedEndOn { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int cohortId, CancellationToken ct)
    {
        if (!await LoadAsync(cohortId, ct))
            return NotFound();
        var chosen = Form.ChosenLabs;
        Input = new InputModel
        {
            Choice1 = chosen.ElementAtOrDefault(0) is > 0 and var c1 ? c1 : null,
            Choice2 = chosen.ElementAtOrDefault(1) is > 0 and var c2 ? c2 : null,
            Choice3 = chosen.ElementAtOrDefault(2) is > 0 and var c3 ? c3 : null,
            Plan = Form.Plan,
            IntendedStartOn = Form.IntendedStartOn ?? Form.StartsOn,
            IntendedEndOn = Form.IntendedEndOn ?? Form.EndsOn,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int cohortId, CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            try
            {
                var labs = new[] { Input.Choice1, Input.Choice2, Input.Choice3 }.OfType<int>().ToList();
                var id = await drafts.SaveDraftAsync(cohortId, User.UserId(), Input.Plan ?? "", Input.IntendedStartOn, Input.IntendedEndOn, labs, ct);
                TempData["StatusMessage"] = "Your application has been saved as a draft.";
                return RedirectToPage("/Applicant/Applications/Details", new { id });
            }
            catch (DomainException e)
            {
                ModelState.AddModelError(string.Empty, e.Message);
            }
        }
        return await LoadAsync(cohortId, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(int cohortId, CancellationToken ct)
    {
        var form = await drafts.GetFormAsync(cohortId, User.UserId(), ct);
        if (form is null)
            return false;
        Form = form;
        return true;
    }
}
