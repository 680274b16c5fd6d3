using System.ComponentModel.DataAnnotations;
using ExchangePortal.Core.Applications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Pages.Applicant;

public class ApplyModel(ApplicantDrafts drafts) : PageModel
{
    public InputModel Input { get; private set; } = new();

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

        public static InputModel From(ApplyForm form) => new()
        {
            Choice1 = form.ChosenLabs.ElementAtOrDefault(0) is > 0 and var c1 ? c1 : null,
            Choice2 = form.ChosenLabs.ElementAtOrDefault(1) is > 0 and var c2 ? c2 : null,
            Choice3 = form.ChosenLabs.ElementAtOrDefault(2) is > 0 and var c3 ? c3 : null,
            Plan = form.Plan,
            IntendedStartOn = form.IntendedStartOn ?? form.StartsOn,
            IntendedEndOn = form.IntendedEndOn ?? form.EndsOn,
        };
    }

    public async Task<IActionResult> OnGetAsync(int cohortId, CancellationToken ct)
    {
        var result = await ShowAsync(cohortId, ct);
        if (result is PageResult)
            Input = InputModel.From(Form);
        return result;
    }

    public Task<IActionResult> OnPostAsync(int cohortId, InputModel input, CancellationToken ct)
    {
        Input = input;
        return this.DecideAsync(() => drafts.SaveDraftAsync(cohortId, User.UserId(), input.Plan ?? "", input.IntendedStartOn, input.IntendedEndOn,
                new[] { input.Choice1, input.Choice2, input.Choice3 }.OfType<int>().ToList(), ct),
            "Your application has been saved as a draft.", () => ShowAsync(cohortId, ct), "/Applicant/Applications/Details");
    }

    private async Task<IActionResult> ShowAsync(int cohortId, CancellationToken ct)
    {
        var form = await drafts.GetFormAsync(cohortId, User.UserId(), ct);
        if (form is null)
            return NotFound();
        Form = form;
        return Page();
    }
}
