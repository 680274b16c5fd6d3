using System.ComponentModel.DataAnnotations;
using ExchangePortal.Core;
using ExchangePortal.Core.Applications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ExchangePortal.Web.Pages.Applicant.Applications;

public class DetailsModel(ApplicantActions actions, ApplicationDrafts drafts, IStringLocalizer<SharedResource> l) : PageModel
{
    public MyApplicationDetails Application { get; private set; } = null!;

    [TempData]
    public string? StatusMessage { get; set; }

    public class ResubmitInput
    {
        [Required(ErrorMessage = "Please describe your research or learning plan.")]
        [StringLength(8000, ErrorMessage = "Keep the plan under 8,000 characters.")]
        public string Plan { get; set; } = "";
    }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await ShowAsync(id, ct);

    public Task<IActionResult> OnPostResubmitAsync(int id, uint version, ResubmitInput resubmit, CancellationToken ct) =>
        ActAsync(id, () => actions.ResubmitAsync(id, version, resubmit.Plan, User.UserId(), ct), "Resubmitted: the university will review your changes.", ct);

    public Task<IActionResult> OnPostSubmitAsync(int id, uint version, CancellationToken ct) =>
        ActAsync(id, () => drafts.SubmitAsync(id, version, User.UserId(), ct), "Your application has been submitted.", ct);

    public Task<IActionResult> OnPostAcceptAsync(int id, uint version, CancellationToken ct) =>
        ActAsync(id, () => actions.AcceptOfferAsync(id, version, User.UserId(), ct), "You accepted the offer.", ct);

    public Task<IActionResult> OnPostDeclineAsync(int id, uint version, CancellationToken ct) =>
        ActAsync(id, () => actions.DeclineOfferAsync(id, version, User.UserId(), ct), "You declined the offer.", ct);

    public Task<IActionResult> OnPostWithdrawAsync(int id, uint version, bool confirm, CancellationToken ct)
    {
        if (!confirm)
            ModelState.AddModelError("confirm", l["Tick the box to confirm that you want to withdraw."]);
        return ActAsync(id, () => actions.WithdrawAsync(id, version, User.UserId(), ct), "Your application has been withdrawn.", ct);
    }

    // A refused submission lists each missing item on its own line; the fixed ones have a translation.
    private Task<IActionResult> ActAsync(int id, Func<Task> act, string done, CancellationToken ct) =>
        this.DecideAsync(act, done, () => ShowAsync(id, ct), new { id }, line => l[line]);

    private async Task<IActionResult> ShowAsync(int id, CancellationToken ct)
    {
        var details = await actions.GetAsync(id, User.UserId(), ct);
        if (details is null)
            return NotFound();
        Application = details;
        return Page();
    }
}
